using System.Text.RegularExpressions;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.ExternalCondaBuild.Patching;

/// <summary>
/// The RPATH patch of conda-build's <c>post.py</c> as structural text edits, with no file access.
/// Stock conda-build drops every absolute RPATH outside the host prefix; after the patch,
/// <c>mk_relative_linux</c> keeps an entry that matches a glob of <c>build/host_runpath_whitelist</c>
/// (fnmatch), and every caller passes that key from the recipe's metadata <c>m</c>:
/// <list type="number">
/// <item>a helper <c>_condarecipes_host_runpath_allowed</c> (headed by <see cref="Marker"/>) before the function;</item>
/// <item>a keyword parameter <c>host_runpath_whitelist=()</c> appended to the signature (appended, so positional callers are unaffected);</item>
/// <item>the <c>if &lt;outside prefix&gt;:</c> branch that prints "(removing it)" gains a preceding
///       <c>if &lt;outside prefix&gt; and allowed: keep</c> branch and becomes its <c>elif</c>;</item>
/// <item>every call <c>mk_relative_linux(...)</c> gets <c>host_runpath_whitelist=m.get_value("build/host_runpath_whitelist", [])</c>.</item>
/// </list>
/// Any anchor not found exactly as expected stops the patch with CR7202 before anything is written.
/// <para>
/// metadata.py is left alone: its FIELDS table is checked only by <c>conda-build --check</c>
/// (<c>MetaData.check_fields</c>), not during a build, and <c>get_value</c> reads any key — conda-build's
/// own <c>build/runpath_whitelist</c> is not in FIELDS either (verified for 3.21–26.7).
/// </para>
/// </summary>
public static class PostPyPatch
{
    /// <summary>The comment that identifies a patched post.py (and its patch revision).</summary>
    public const string Marker = "# condarecipes: host_runpath_whitelist patch v1";

    public const string HelperName = "_condarecipes_host_runpath_allowed";
    public const string ParameterName = "host_runpath_whitelist";
    public const string CallArgument = ParameterName + "=m.get_value(\"build/host_runpath_whitelist\", [])";
    private const string FunctionName = "mk_relative_linux";

    private static readonly Regex FunctionDef = new(@"^def mk_relative_linux\(", RegexOptions.Multiline);
    private static readonly Regex AnyTopLevelDef = new(@"^def (\w+)\(", RegexOptions.Multiline);
    private static readonly Regex CallSite = new(@"(?<![\w.])mk_relative_linux\(");
    private static readonly Regex IfHeader = new(@"^(?<indent>[ \t]*)if (?<cond>.+):[ \t]*(#.*)?$");
    private static readonly Regex LoopOverOld = new(@"^[ \t]+for old in ", RegexOptions.Multiline);
    private static readonly Regex NewList = new(@"^[ \t]+new = \[\]", RegexOptions.Multiline);
    private static readonly Regex MParameter = new(@"(?:^|,)\s*m\s*(?:[:=,]|$)");

    private static readonly string Helper = string.Join('\n',
        Marker,
        "# build/host_runpath_whitelist: absolute RPATHs outside the prefix that match one of these globs",
        "# (fnmatch) point at host libraries the package is built to use, and are kept.",
        $"def {HelperName}(rpath, patterns):",
        "    import fnmatch as _fnmatch",
        "",
        "    if isinstance(patterns, str):",
        "        patterns = [patterns]",
        "    return any(_fnmatch.fnmatch(rpath, pattern) for pattern in (patterns or ()))",
        "",
        "",
        "");

    /// <summary>Applies the patch to post.py's text.</summary>
    /// <param name="version">The installed conda-build version, named in errors.</param>
    /// <param name="file">post.py's path, named in errors.</param>
    /// <exception cref="CondaRecipesException">CR7202 when an anchor is missing or changed.</exception>
    public static string Apply(string text, string version, string file)
    {
        if (text.Contains(Marker, StringComparison.Ordinal))
            throw Refuse(version, file, "post.py is already patched; apply the patch only to stock post.py");

        var edits = new List<(int Index, int Remove, string Insert)>();

        // 1. The function and its signature.
        var defs = FunctionDef.Matches(text);
        if (defs.Count != 1)
            throw Refuse(version, file, defs.Count == 0
                ? $"no top-level 'def {FunctionName}(' was found"
                : $"'def {FunctionName}(' is defined {defs.Count} times");
        var def = defs[0];
        var open = def.Index + def.Length - 1;
        var close = PythonText.MatchingParen(text, open);
        if (close < 0)
            throw Refuse(version, file, $"the parameter list of {FunctionName} does not close");
        var parameters = text[(open + 1)..close];
        if (parameters.Contains(ParameterName, StringComparison.Ordinal))
            throw Refuse(version, file,
                $"{FunctionName} already has a '{ParameterName}' parameter (patched by hand or by another tool)");
        if (parameters.Contains("**", StringComparison.Ordinal))
            throw Refuse(version, file, $"{FunctionName} takes **kwargs; a parameter cannot be appended after it");
        edits.Add(InsertArgument(text, close, ParameterName + "=()"));

        // 2. The branch that removes RPATHs outside the prefix.
        var bodyStart = PythonText.LineEnd(text, close) + 1;
        var bodyEnd = EndOfTopLevelBlock(text, bodyStart);
        var body = text[bodyStart..bodyEnd];
        if (!LoopOverOld.IsMatch(body) || !NewList.IsMatch(body))
            throw Refuse(version, file,
                $"{FunctionName} no longer builds 'new = []' from a loop 'for old in ...' over the existing RPATHs");
        edits.Add(KeepWhitelistedBranch(text, bodyStart, bodyEnd, version, file));

        // 3. Every call passes the whitelist from the recipe metadata m.
        var calls = CallSite.Matches(text).Where(c => !IsDefinition(text, c.Index) && !IsInComment(text, c.Index)).ToList();
        if (calls.Count == 0)
            throw Refuse(version, file, $"no call of {FunctionName}(...) was found (expected one in post_process_shared_lib)");
        foreach (var call in calls)
        {
            var caller = EnclosingFunction(text, call.Index);
            if (caller is null || !MParameter.IsMatch(caller.Value.Parameters))
                throw Refuse(version, file,
                    $"the call of {FunctionName} in {(caller is null ? "module code" : caller.Value.Name + "()")} " +
                    "has no recipe metadata parameter 'm' to read build/host_runpath_whitelist from");
            var callClose = PythonText.MatchingParen(text, call.Index + call.Length - 1);
            if (callClose < 0)
                throw Refuse(version, file, $"the call of {FunctionName} in {caller.Value.Name}() does not close");
            if (text[call.Index..callClose].Contains(ParameterName, StringComparison.Ordinal))
                throw Refuse(version, file, $"the call in {caller.Value.Name}() already passes '{ParameterName}'");
            edits.Add(InsertArgument(text, callClose, CallArgument));
        }

        // 4. The helper, before the function (and before any decorators of it).
        var helperAt = def.Index;
        while (helperAt > 0)
        {
            var previousStart = PythonText.LineStart(text, helperAt - 1);
            if (!text[previousStart..(helperAt - 1)].StartsWith('@')) break;
            helperAt = previousStart;
        }
        edits.Add((helperAt, 0, Helper));

        // Edits never overlap; applying them from the end keeps the earlier indices valid.
        var result = text;
        foreach (var (index, remove, insert) in edits.OrderByDescending(e => e.Index))
            result = result.Remove(index, remove).Insert(index, insert);
        return result;
    }

    /// <summary>What a patched post.py is missing; empty when every change is present.</summary>
    public static IReadOnlyList<string> MissingChanges(string text)
    {
        var missing = new List<string>();
        if (!text.Contains(Marker, StringComparison.Ordinal)) missing.Add("the marker comment");
        if (!text.Contains($"def {HelperName}(", StringComparison.Ordinal)) missing.Add($"the helper {HelperName}");

        var def = FunctionDef.Match(text);
        if (!def.Success)
        {
            missing.Add($"def {FunctionName}");
            return missing;
        }
        var close = PythonText.MatchingParen(text, def.Index + def.Length - 1);
        if (close < 0 || !text[def.Index..close].Contains(ParameterName + "=", StringComparison.Ordinal))
            missing.Add($"the '{ParameterName}' parameter of {FunctionName}");
        if (close >= 0)
        {
            var bodyStart = PythonText.LineEnd(text, close) + 1;
            var body = text[bodyStart..EndOfTopLevelBlock(text, bodyStart)];
            if (!body.Contains($"{HelperName}(old, {ParameterName})", StringComparison.Ordinal))
                missing.Add("the branch keeping whitelisted RPATHs");
        }

        var calls = CallSite.Matches(text).Where(c => !IsDefinition(text, c.Index) && !IsInComment(text, c.Index)).ToList();
        if (calls.Count == 0) missing.Add($"a call of {FunctionName}");
        foreach (var call in calls)
        {
            var callClose = PythonText.MatchingParen(text, call.Index + call.Length - 1);
            if (callClose < 0 || !text[call.Index..callClose].Contains(CallArgument, StringComparison.Ordinal))
                missing.Add($"the argument {CallArgument} in the call at offset {call.Index}");
        }
        return missing;
    }

    /// <summary>
    /// Finds <c>if COND:</c> enclosing the "(removing it)" print and turns it into
    /// <c>if (COND) and allowed: keep / elif COND: (original block)</c>: identical behaviour when the
    /// entry is not whitelisted.
    /// </summary>
    private static (int, int, string) KeepWhitelistedBranch(string text, int bodyStart, int bodyEnd, string version, string file)
    {
        var removing = new List<int>();
        for (var at = text.IndexOf("(removing it)", bodyStart, StringComparison.Ordinal);
             at >= 0 && at < bodyEnd;
             at = text.IndexOf("(removing it)", at + 1, StringComparison.Ordinal))
            removing.Add(at);
        if (removing.Count != 1)
            throw Refuse(version, file, removing.Count == 0
                ? $"{FunctionName} has no branch that prints '(removing it)' for an RPATH outside the prefix"
                : $"{FunctionName} prints '(removing it)' {removing.Count} times; the branch to change is ambiguous");

        // Walk back to the nearest line indented less than everything passed: the header of the block
        // holding the print (which may be wrapped over several lines).
        var lineStart = PythonText.LineStart(text, removing[0]);
        var indent = PythonText.Indentation(text[lineStart..PythonText.LineEnd(text, lineStart)]).Length;
        while (lineStart > bodyStart)
        {
            lineStart = PythonText.LineStart(text, lineStart - 1);
            var line = text[lineStart..PythonText.LineEnd(text, lineStart)];
            if (PythonText.IsBlank(line) || PythonText.Indentation(line).Length >= indent) continue;
            var header = IfHeader.Match(line.TrimEnd('\r'));
            if (header.Success)
            {
                var headerIndent = header.Groups["indent"].Value;
                var condition = header.Groups["cond"].Value.Trim();
                var firstBodyLine = text[(PythonText.LineEnd(text, lineStart) + 1)..];
                var blockIndent = PythonText.Indentation(firstBodyLine[..PythonText.LineEnd(firstBodyLine, 0)]);
                if (blockIndent.Length <= headerIndent.Length)
                    throw Refuse(version, file, $"the block under 'if {condition}:' is not indented");
                var replacement = string.Join('\n',
                    $"{headerIndent}if ({condition}) and {HelperName}(old, {ParameterName}):",
                    $"{blockIndent}# build/{ParameterName}: keep the host RPATHs the recipe names",
                    $"{blockIndent}print(f\"Keeping rpath {{old}} outside the prefix: it matches build/{ParameterName}\")",
                    $"{blockIndent}if old not in new:",
                    $"{blockIndent}{blockIndent[headerIndent.Length..]}new.append(old)",
                    $"{headerIndent}elif {condition}:");
                return (lineStart, line.TrimEnd('\r').Length, replacement);
            }
            if (line.TrimStart().StartsWith("if ", StringComparison.Ordinal) || line.TrimEnd().EndsWith(':'))
                throw Refuse(version, file,
                    $"the '(removing it)' print sits under '{line.Trim()}', not under a one-line 'if <outside prefix>:'");
            indent = PythonText.Indentation(line).Length;
        }
        throw Refuse(version, file, "no 'if' encloses the '(removing it)' print");
    }

    /// <summary>An edit that adds <paramref name="argument"/> as the last argument before the ')' at <paramref name="close"/>.</summary>
    private static (int, int, string) InsertArgument(string text, int close, string argument)
    {
        var closeLineStart = PythonText.LineStart(text, close);
        var closeOnOwnLine = PythonText.IsBlank(text[closeLineStart..close]);
        var before = text[..(closeOnOwnLine ? closeLineStart : close)].TrimEnd();
        var hasTrailingComma = before.EndsWith(',');
        var isEmpty = before.EndsWith('(');
        if (!closeOnOwnLine)
            return (close, 0, (hasTrailingComma ? " " : isEmpty ? "" : ", ") + argument);

        // Black's layout: one argument per line, ')' alone. Add a line indented like the last argument.
        var lastArgStart = PythonText.LineStart(text, before.Length);
        var argIndent = PythonText.Indentation(text[lastArgStart..PythonText.LineEnd(text, lastArgStart)]);
        var insertAt = before.Length;
        return (insertAt, 0, (hasTrailingComma || isEmpty ? "" : ",") + "\n" + argIndent + argument + ",");
    }

    /// <summary>End of the top-level block starting at <paramref name="start"/>: the next line with code at column 0.</summary>
    private static int EndOfTopLevelBlock(string text, int start)
    {
        var at = start;
        while (at < text.Length)
        {
            var end = PythonText.LineEnd(text, at);
            var line = text[at..end];
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] != '#' && !line.StartsWith(")", StringComparison.Ordinal))
                return at;
            at = end + 1;
        }
        return text.Length;
    }

    private static (string Name, string Parameters)? EnclosingFunction(string text, int index)
    {
        Match? last = null;
        foreach (Match m in AnyTopLevelDef.Matches(text))
        {
            if (m.Index > index) break;
            last = m;
        }
        if (last is null) return null;
        var close = PythonText.MatchingParen(text, last.Index + last.Length - 1);
        if (close < 0 || EndOfTopLevelBlock(text, PythonText.LineEnd(text, close) + 1) < index) return null;
        return (last.Groups[1].Value, text[(last.Index + last.Length)..close]);
    }

    private static bool IsDefinition(string text, int index) =>
        index >= 4 && text.AsSpan(index - 4, 4).SequenceEqual("def ");

    private static bool IsInComment(string text, int index) =>
        text[PythonText.LineStart(text, index)..index].Contains('#');

    private static CondaRecipesException Refuse(string version, string file, string what) =>
        new(CondaBuildErrorCodes.PostPyShapeNotRecognised,
            $"Cannot apply the host_runpath_whitelist patch to conda-build {version}: {what}. The file was not changed.",
            file: file,
            hint: "Pin conda-build in the environment file to a release the patch knows (3.2x, 24.x, 25.x, 26.x), " +
                  "or use the native engine, whose RPATH policy needs no patch.");
}
