using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace CondaRecipes.Tests.Sdk;

/// <summary>
/// Runs the real `dotnet` CLI the way a user would, with the MSBuild variables of the test host removed
/// (a nested build must resolve its own MSBuild and SDKs).
/// </summary>
public static class DotnetCli
{
    public sealed record Result(int ExitCode, string Output, TimeSpan Duration)
    {
        public override string ToString() => $"exit {ExitCode} after {Duration.TotalSeconds:F1}s\n{Output}";
    }

    public static Result Run(string workDir, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null,
        TimeSpan? timeout = null)
    {
        var output = new StringBuilder();
        var vars = CleanEnvironment();
        if (env is not null)
            foreach (var (k, v) in env)
                vars[k] = v;

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(8));
        return Execute(workDir, args, vars, output, cts);
    }

    /// <summary>The test host's environment without its MSBuild variables, for a nested build (null: removed).</summary>
    public static Dictionary<string, string?> CleanEnvironment()
    {
        var vars = new Dictionary<string, string?>();
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>())
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("MSBuild", StringComparison.Ordinal)
                || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || key == "DOTNET_HOST_PATH")
                vars[key] = null;
        vars["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        vars["DOTNET_NOLOGO"] = "1";
        vars["MSBUILDDISABLENODEREUSE"] = "1";
        return vars;
    }

    private static Result Execute(string workDir, IEnumerable<string> args, Dictionary<string, string?> vars, StringBuilder output, CancellationTokenSource cts)
    {
        var started = DateTime.UtcNow;
        var result = Cli.Wrap("dotnet")
            .WithArguments(args)
            .WithWorkingDirectory(workDir)
            .WithEnvironmentVariables(vars)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(output))
            .ExecuteAsync(cts.Token).GetAwaiter().GetResult();
        return new Result(result.ExitCode, output.ToString(), DateTime.UtcNow - started);
    }
}
