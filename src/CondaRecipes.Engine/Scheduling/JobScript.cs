namespace CondaRecipes.Scheduling;

/// <summary>What a job script runs: the command as an argv array (never re-parsed by a shell).</summary>
public sealed record JobScript
{
    /// <summary>Absolute directory the script changes to before running the command.</summary>
    public required string WorkDir { get; init; }
    /// <summary>The command; element 0 is the program. Each element reaches it unchanged.</summary>
    public required IReadOnlyList<string> Command { get; init; }
    /// <summary>Absolute path of the exit-code sentinel file.</summary>
    public required string SentinelPath { get; init; }
    /// <summary>Lmod/Environment Modules to load, in order, when a <c>module</c> command exists.</summary>
    public IReadOnlyList<string> Modules { get; init; } = [];
    /// <summary>Variables exported by the script before the command runs.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>Scheduler directive lines (<c>#PBS …</c>/<c>#SBATCH …</c>) placed after the shebang.</summary>
    public IReadOnlyList<string> Directives { get; init; } = [];
}
