namespace CondaRecipes.Tasks;

/// <summary>
/// The one line a variant's inner build shows in .NET's terminal logger. At its default verbosity that logger
/// prints no messages, only a line per project instance: its name, its TargetFramework (the SDK sets it to the
/// variant id in an inner build, so the variants of a recipe are told apart), its result and duration, and the
/// text after <c>"&lt;project name&gt; -&gt; "</c> of its last high-importance message of that shape (the
/// convention of Microsoft.Common's "MyApp -> bin/MyApp.dll"). This line is that message: the variant's status and
/// its package files. Redirected output (the console logger) prints it as it is.
/// </summary>
internal static class TerminalLine
{
    /// <summary>
    /// <c>pyext -> [status] output/linux-64/pyext-1.0-py311_0.conda</c>: the status first, so the line reads the
    /// same where the logger shortens it, and the files relative to the channel's parent folder, as Plan shows them.
    /// </summary>
    public static string For(string projectFile, IEnumerable<string> packages, string status, string outputDir)
    {
        var root = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDir))) ?? "";
        var files = packages.Select(p => Path.GetRelativePath(root, p)).ToList();
        return Of(projectFile, files.Count == 0 ? $"[{status}]" : $"[{status}] {string.Join(", ", files)}");
    }

    public static string Of(string projectFile, string text) => $"{Path.GetFileNameWithoutExtension(projectFile)} -> {text}";
}
