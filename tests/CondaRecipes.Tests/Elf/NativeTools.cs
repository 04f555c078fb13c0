using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace CondaRecipes.Tests.Elf;

/// <summary>Runs the real toolchain (gcc, cross binutils, readelf) for the ELF tests.</summary>
internal static class NativeTools
{
    public static BufferedCommandResult Exec(string exe, IEnumerable<string> args, string? workDir = null,
        IReadOnlyDictionary<string, string?>? env = null)
    {
        var cmd = Cli.Wrap(exe).WithArguments(args).WithValidation(CommandResultValidation.None);
        if (workDir is not null) cmd = cmd.WithWorkingDirectory(workDir);
        if (env is not null) cmd = cmd.WithEnvironmentVariables(env);
        return cmd.ExecuteBufferedAsync().Task.GetAwaiter().GetResult();
    }

    /// <summary>Runs a tool that must succeed; a failure fails the test with its output.</summary>
    public static string Run(string exe, params string[] args)
    {
        var r = Exec(exe, args);
        if (r.ExitCode != 0) Assert.Fail($"{exe} {string.Join(' ', args)} exited with {r.ExitCode}:\n{r.StandardError}{r.StandardOutput}");
        return r.StandardOutput;
    }

    /// <summary>Whether gcc can build and run a 32-bit program here (gcc-multilib); null when it can, else why not.</summary>
    public static string? Why32BitUnavailable(string dir)
    {
        var src = Path.Combine(dir, "probe32.c");
        File.WriteAllText(src, "int main(void){return 0;}\n");
        var exe = Path.Combine(dir, "probe32");
        var r = Exec("gcc", ["-m32", src, "-o", exe]);
        if (r.ExitCode != 0) return $"gcc -m32 does not work (install gcc-multilib): {r.StandardError.Trim()}";
        var run = Exec(exe, []);
        return run.ExitCode == 0 ? null : "32-bit programs do not run on this machine";
    }

    public static string WriteSource(string dir, string name, string text)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>What <c>readelf -d</c> says about a file: the independent check of what we read and wrote.</summary>
    public static ReadelfDynamic Readelf(string path)
    {
        var r = Exec("readelf", ["-d", "-W", path]);
        var text = r.StandardOutput + r.StandardError;
        List<string> All(string kind) => Regex.Matches(text, $@"\({kind}\)\s+[^\[]*\[(.*)\]").Select(m => m.Groups[1].Value).ToList();
        return new ReadelfDynamic(All("NEEDED"), All("SONAME").FirstOrDefault(), All("RPATH").FirstOrDefault(),
            All("RUNPATH").FirstOrDefault(), text.Contains("There is no dynamic section"), r.ExitCode, text);
    }
}

internal sealed record ReadelfDynamic(List<string> Needed, string? Soname, string? Rpath, string? Runpath,
    bool NoDynamicSection, int ExitCode, string Text);
