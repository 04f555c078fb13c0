namespace CondaRecipes.ExternalCondaBuild;

/// <summary>PATH searching and the "is this file executable" test shared by the tool lookups.</summary>
internal static class ExecutableFiles
{
    /// <summary>True when <paramref name="path"/> is a regular file (or a link to one) that someone may execute.</summary>
    public static bool IsExecutable(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsWindows()) return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    /// <summary>The directories of a PATH string in order, empty entries dropped.</summary>
    public static IReadOnlyList<string> SplitPath(string? pathVariable) =>
        string.IsNullOrEmpty(pathVariable)
            ? []
            : pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The first executable called <paramref name="name"/> in the PATH directories, or null.</summary>
    public static string? FindOnPath(string name, string? pathVariable)
    {
        foreach (var dir in SplitPath(pathVariable))
        {
            var candidate = Path.Combine(dir, name);
            if (IsExecutable(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
