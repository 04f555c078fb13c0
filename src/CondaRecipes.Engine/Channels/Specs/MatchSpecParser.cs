using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Specs;

/// <summary>
/// Reads the match-spec syntax conda documents ("Package match specifications"): an optional
/// <c>channel[/subdir]::</c>, the name, then either <c>version [build]</c> separated by a space or
/// <c>=version=build</c>, and optional <c>[key=value, …]</c> brackets that override the positional parts.
/// A version written <c>=1.2</c> without a build means <c>1.2.*</c>; <c>==1.2</c> means exactly 1.2.
/// Names are kept in lower case and checked against conda's package-name rule; a <c>*</c> channel means any.
/// </summary>
internal static class MatchSpecParser
{
    private static readonly HashSet<string> BracketKeys =
        ["version", "build", "build_number", "channel", "subdir", "fn", "md5", "sha256", "license", "name"];

    private const string OperatorChars = "=!|,<>~";

    public static MatchSpec Parse(string text)
    {
        if (text is null || string.IsNullOrWhiteSpace(text)) throw Error(text ?? "", "empty match specification");
        var original = text;
        var s = text;
        var hash = s.IndexOf('#');
        if (hash >= 0) s = s[..hash];
        // conda's newer parser refuses to drop a condition silently; this engine has no conditions to honour.
        if (s.Contains(" if ", StringComparison.Ordinal))
            throw Error(original, "conditional specs ('… if …') are not supported");
        s = s.Trim();

        // Brackets: [key=value, key='value with , or spaces'].
        var brackets = new Dictionary<string, string>(StringComparer.Ordinal);
        var open = s.IndexOf('[');
        if (open >= 0)
        {
            var close = s.LastIndexOf(']');
            if (close < open) throw Error(original, "'[' without a closing ']'");
            if (s[(close + 1)..].Trim().Length > 0) throw Error(original, "text after the ']' of the brackets");
            ParseBrackets(original, s[(open + 1)..close], brackets);
            s = s[..open].TrimEnd();
        }
        else if (s.Contains(']')) throw Error(original, "']' without an opening '['");

        // Channel (and subdir) before '::'.
        string? channel = null, subdir = null;
        var sep = s.LastIndexOf("::", StringComparison.Ordinal);
        if (sep >= 0)
        {
            (channel, subdir) = SplitChannel(s[..sep]);
            if (channel.Length == 0) throw Error(original, "empty channel before '::'");
            s = s[(sep + 2)..];
        }

        // Name runs up to the first space or operator character.
        var nameEnd = 0;
        while (nameEnd < s.Length && s[nameEnd] is not (' ' or '=' or '<' or '>' or '!' or '~')) nameEnd++;
        var name = s[..nameEnd].ToLowerInvariant();
        if (name.Length == 0) throw Error(original, "no package name found");
        CheckName(original, name);
        if (brackets.Remove("name", out var bracketName) && bracketName.ToLowerInvariant() != name)
            throw Error(original, $"the name in brackets ('{bracketName}') differs from '{name}'");

        string? versionText = null, buildText = null;
        var rest = s[nameEnd..].Trim();
        if (rest.Length > 0)
        {
            (versionText, buildText) = SplitVersionAndBuild(rest);
            versionText = TranslateEquals(original, versionText, buildText);
        }

        // Brackets override the positional version and build, as in conda.
        if (brackets.Remove("version", out var bv)) versionText = TranslateEquals(original, bv.Trim(), null);
        if (brackets.Remove("build", out var bb)) buildText = bb;
        if (brackets.Remove("channel", out var bc))
        {
            var (c, sd) = SplitChannel(bc);
            channel = c;
            if (sd is not null) subdir = sd;
        }
        if (brackets.Remove("subdir", out var bs)) subdir = bs;

        if (channel == "*") channel = null; // any channel
        VersionSpec? version = versionText is null ? null : VersionSpec.Parse(versionText);
        return new MatchSpec(original, name)
        {
            NamePattern = name.Contains('*') ? StringPattern.Parse(name) : null,
            Channel = channel,
            Subdir = subdir,
            Version = version is { MatchesAll: true } ? null : version,
            Build = buildText is null || buildText == "*" ? null : StringPattern.Parse(buildText),
            BuildNumber = brackets.Remove("build_number", out var bn) ? BuildNumberSpec.Parse(bn) : null,
            FileName = brackets.Remove("fn", out var fn) ? fn : null,
            Md5 = brackets.Remove("md5", out var md5) ? md5 : null,
            Sha256 = brackets.Remove("sha256", out var sha) ? sha : null,
            License = brackets.Remove("license", out var lic) ? StringPattern.Parse(lic, ignoreCase: true) : null,
        };
    }

    /// <summary>
    /// Splits "version build" / "version=build": the build is the text after the first space or '=' that
    /// does not follow an operator character and leaves a remainder free of operator characters and '-'.
    /// </summary>
    internal static (string Version, string? Build) SplitVersionAndBuild(string text)
    {
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (text[i] is not (' ' or '=')) continue;
            if (OperatorChars.Contains(text[i - 1]) || text[i - 1] == ' ' && text[i] == ' ') continue;
            var build = text[(i + 1)..];
            if (build.Trim().Length == 0 || build.IndexOfAny([.. OperatorChars, '-']) >= 0) continue;
            return (RemoveSpaces(text[..i]), build.Trim());
        }
        return (RemoveSpaces(text), null);
    }

    private static string RemoveSpaces(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// conda's reading of a leading '=': <c>=1.2</c> alone is "starts with 1.2" (<c>1.2*</c>), <c>=1.2=b</c> and
    /// <c>=*=b</c> drop the '=', and <c>==1.2</c> without a build is the plain (exact) version.
    /// </summary>
    private static string? TranslateEquals(string original, string version, string? build)
    {
        if (version is "==" or "<=" or ">=" or "!=" or "~=" or "<" or ">")
            throw Error(original, $"operator '{version}' without a version");
        if (version == "=") return null;
        if (version[0] != '=') return version;
        var tail = version[1..];
        if (version.StartsWith("==", StringComparison.Ordinal) && build is null) return version[2..];
        if (tail.IndexOfAny(['=', ',', '|']) >= 0) return version;
        return build is null && tail[^1] != '*' ? tail + "*" : tail;
    }

    private static (string Channel, string? Subdir) SplitChannel(string text) => SpecChannel.SplitSubdir(text.Trim());

    /// <summary>
    /// The package-name rule conda applies (CEP 26), on the lower-cased name: letters, digits and <c>. _ -</c>;
    /// it starts with a letter or digit, or with one <c>_</c> (<c>_openmp_mutex</c>), or with <c>__</c> for a
    /// virtual package (<c>__glibc</c>); two separators never follow each other. Globs are not checked.
    /// </summary>
    private static void CheckName(string original, string name)
    {
        if (name.Contains('*')) return;
        foreach (var c in name)
            if (!(char.IsAsciiDigit(c) || c is >= 'a' and <= 'z' || c is '_' or '-' or '.'))
                throw Error(original, $"invalid character '{c}' in package name '{name}'");
        static bool IsSeparator(char c) => c is '_' or '-' or '.';
        var i = name.StartsWith("__", StringComparison.Ordinal) ? 2 : name[0] == '_' ? 1 : 0;
        if (i < name.Length && IsSeparator(name[i]) || i == 2 && i == name.Length)
            throw Error(original, $"invalid package name '{name}': it must start with a letter, a digit, '_' or '__'");
        for (var j = Math.Max(i, 1); j < name.Length; j++)
            if (IsSeparator(name[j]) && IsSeparator(name[j - 1]) && j - 1 >= i)
                throw Error(original, $"invalid package name '{name}': two separators in a row");
    }

    private static void ParseBrackets(string original, string content, Dictionary<string, string> into)
    {
        var i = 0;
        while (true)
        {
            while (i < content.Length && (content[i] == ',' || char.IsWhiteSpace(content[i]))) i++;
            if (i >= content.Length) return;
            var keyStart = i;
            while (i < content.Length && (char.IsAsciiLetterOrDigit(content[i]) || content[i] is '_' or '-')) i++;
            var key = content[keyStart..i];
            while (i < content.Length && char.IsWhiteSpace(content[i])) i++;
            if (into.ContainsKey(key)) throw Error(original, $"key '{key}' given twice in brackets");
            if (key.Length == 0 || i >= content.Length || content[i] != '=')
                throw Error(original, $"expected key=value in brackets at '{content[keyStart..]}'");
            i++;
            while (i < content.Length && char.IsWhiteSpace(content[i])) i++;
            string value;
            if (i < content.Length && content[i] is '\'' or '"')
            {
                var quote = content[i];
                var end = content.IndexOf(quote, i + 1);
                if (end < 0) throw Error(original, $"unterminated quote in brackets for '{key}'");
                value = content[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < content.Length && content[i] != ',' && !char.IsWhiteSpace(content[i])) i++;
                value = content[start..i];
                if (value.IndexOfAny(['[', ']']) >= 0) throw Error(original, "more than one bracket section");
            }
            if (value.Length == 0) throw Error(original, $"key '{key}' in brackets has no value");
            if (!BracketKeys.Contains(key)) throw Error(original, $"unsupported key '{key}' in brackets");
            into[key] = value;
        }
    }

    private static CondaRecipesException Error(string text, string why) =>
        new(ChannelErrorCodes.InvalidMatchSpec, $"Invalid match specification '{text}': {why}.",
            hint: "Write 'name', 'name 1.2.*', 'name >=1.24,<2', 'name ==0.4.38=derecho*', 'name =*=derecho*', " +
                  "'channel::name' or 'name[version=\\'>=1\\', build=\\'py*\\']'.");
}
