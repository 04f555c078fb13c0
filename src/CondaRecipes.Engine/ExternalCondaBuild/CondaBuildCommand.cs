namespace CondaRecipes.ExternalCondaBuild;

/// <summary>The argv and environment of a conda-build run, built from a <see cref="CondaBuildInvocation"/>.</summary>
public static class CondaBuildCommand
{
    /// <summary>
    /// <c>--python X.Y [--channel file:///…/output] --channel conda-forge … --output-folder DIR [-m f …] [extra …] RECIPE</c>.
    /// No <c>--override-channels</c>: the original did not pass it, so the user's condarc channels still apply.
    /// </summary>
    public static IReadOnlyList<string> BuildArguments(CondaBuildInvocation invocation)
    {
        var args = new List<string> { "--python", invocation.PythonVersion };
        foreach (var channel in ChannelList(invocation))
        {
            args.Add("--channel");
            args.Add(channel);
        }
        args.Add("--output-folder");
        args.Add(Path.GetFullPath(invocation.OutputFolder));
        foreach (var file in invocation.VariantConfigFiles)
        {
            args.Add("-m");
            args.Add(Path.GetFullPath(file));
        }
        args.AddRange(invocation.ExtraArguments);
        args.Add(Path.GetFullPath(invocation.RecipeDirectory));
        return args;
    }

    /// <summary>The same command with <c>--output</c>: conda-build prints the package path(s) it would write.</summary>
    public static IReadOnlyList<string> OutputArguments(CondaBuildInvocation invocation)
    {
        var args = BuildArguments(invocation).ToList();
        args.Insert(args.Count - 1, "--output");
        return args;
    }

    /// <summary>The channels in order: the output folder as a <c>file://</c> URL first (when enabled), then the others.</summary>
    public static IReadOnlyList<string> ChannelList(CondaBuildInvocation invocation)
    {
        var channels = new List<string>();
        if (invocation.UseOutputFolderAsChannel) channels.Add(FileUrl(invocation.OutputFolder));
        channels.AddRange(invocation.Channels);
        return channels;
    }

    /// <summary>The variables set for conda-build's process (on top of the inherited environment).</summary>
    public static IReadOnlyDictionary<string, string?> EnvironmentVariables(CondaBuildInvocation invocation)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in invocation.Environment) env[name] = value;
        // The original exported ENV_PYTHON_VERSION for the recipes; keep it consistent with --python.
        env.TryAdd("ENV_PYTHON_VERSION", invocation.PythonVersion);
        return env;
    }

    /// <summary>A directory as a <c>file:///</c> URL (absolute, percent-encoded).</summary>
    public static string FileUrl(string directory) => new Uri(Path.GetFullPath(directory)).AbsoluteUri;

    /// <summary>The per-variant log: <c>&lt;logs&gt;/&lt;recipe&gt;/&lt;variant&gt;.log</c>.</summary>
    public static string LogFile(string logsDirectory, CondaBuildInvocation invocation) =>
        Path.Combine(logsDirectory, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(invocation.RecipeDirectory))),
            SafeFileName(invocation.VariantName) + ".log");

    private static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
    }
}
