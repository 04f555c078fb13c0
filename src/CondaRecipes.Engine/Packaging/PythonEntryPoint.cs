using System.Text.RegularExpressions;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Packaging;

/// <summary>
/// One <c>build/entry_points</c> entry, <c>command = module:func</c>, and the console script conda writes for
/// it. conda-build writes the script into <c>bin/</c> of an ordinary package (with the host Python as its
/// interpreter); for a <c>noarch: python</c> package it lists the entry in <c>info/link.json</c> and conda
/// writes the same script at install time, for the Python of the target environment.
/// </summary>
public sealed partial record PythonEntryPoint(string Command, string Module, string Function)
{
    // conda-build's accepted form: a command of word characters, '-' and '.', then module:function.
    [GeneratedRegex(@"^\s*([\w\-.]+)\s*=\s*([\w.]+)\s*:\s*([\w.]+)\s*$")]
    private static partial Regex Pattern();

    /// <summary>Parses <paramref name="definition"/>; a malformed one is error CR4020 naming <paramref name="recipeFile"/>.</summary>
    public static PythonEntryPoint Parse(string definition, string? recipeFile = null)
    {
        var m = Pattern().Match(definition);
        if (!m.Success || m.Groups[1].Value.StartsWith('.'))
            throw new CondaRecipesException(PackagingErrorCodes.InvalidEntryPoint,
                $"The entry point '{definition}' is not of the form 'command = module:function'.", recipeFile,
                hint: "Write build/entry_points entries as console_scripts are written, e.g. 'mytool = mypkg.cli:main'.");
        return new PythonEntryPoint(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
    }

    public static IReadOnlyList<PythonEntryPoint> ParseAll(IEnumerable<string> definitions, string? recipeFile = null) =>
        definitions.Select(d => Parse(d, recipeFile)).ToList();

    /// <summary>Where the script goes in a prefix (Unix): <c>bin/&lt;command&gt;</c>.</summary>
    public string ScriptPath => $"bin/{Command}";

    /// <summary>
    /// The script's text: the shebang (none, as conda-build writes it for a noarch package, when null), then an
    /// import of the function's first name and a call of it. conda-build's template (build time) starts with a
    /// blank line; conda's (install time) does not.
    /// </summary>
    public string ScriptText(string? shebang, bool atInstall)
    {
        var importName = Function.Split('.')[0];
        return (shebang ?? "") + (atInstall ? "" : "\n") + $$"""
            # -*- coding: utf-8 -*-
            import re
            import sys

            from {{Module}} import {{importName}}

            if __name__ == '__main__':
                sys.argv[0] = re.sub(r'(-script\.pyw?|\.exe)?$', '', sys.argv[0])
                sys.exit({{Function}}())

            """;
    }

    /// <summary>
    /// The shebang conda writes for an installed entry point: <c>#!&lt;python&gt;</c>, or, when that line would be
    /// longer than the kernel reads or holds a space, a line that is both shell and Python and re-executes the
    /// file with the interpreter.
    /// </summary>
    public static string ShebangFor(string python) =>
        $"#!{python}\n".Length > ShebangFixer.MaxShebangLength || python.Contains(' ')
            ? $"#!/bin/sh\n'''exec' \"{python}\" \"$0\" \"$@\" #'''\n"
            : $"#!{python}\n";

    /// <summary>Writes the script for this entry point under <paramref name="prefix"/>, executable (0775, as conda-build).</summary>
    public string Write(string prefix, string? shebang, bool atInstall)
    {
        var path = Path.Combine(prefix, ScriptPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var existing = new FileInfo(path);
        if (existing.Exists || existing.LinkTarget is not null) File.Delete(path); // a pip-made script or a link
        File.WriteAllText(path, ScriptText(shebang, atInstall));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)0b111_111_101);
        return path;
    }
}
