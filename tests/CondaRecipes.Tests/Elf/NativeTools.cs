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

    /// <summary>
    /// Whether gcc can link a 32-bit program here (gcc-multilib); null when it can, else why not. Linking is
    /// all the 32-bit tests need: they check the files with readelf and the engine's reader, not by running them.
    /// </summary>
    public static string? Why32BitLinkUnavailable(string dir)
    {
        var src = Path.Combine(dir, "probe32.c");
        File.WriteAllText(src, "int main(void){return 0;}\n");
        var r = Exec("gcc", ["-m32", src, "-o", Path.Combine(dir, "probe32")]);
        return r.ExitCode == 0 ? null : $"gcc -m32 cannot link (install gcc-multilib): {r.StandardError.Trim()}";
    }

    private static readonly Lazy<bool> Runs32Bit = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("cr-probe32-").FullName;
        try
        {
            if (Why32BitLinkUnavailable(dir) is not null) return false;
            return Exec(Path.Combine(dir, "probe32"), []).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; } // "Exec format error"
        finally { Directory.Delete(dir, recursive: true); }
    });

    /// <summary>
    /// Whether this kernel executes 32-bit x86 programs; some kernels are built without that support. Probed
    /// once; a check that runs a 32-bit program is skipped (Assume) only when it does not.
    /// </summary>
    public static bool KernelRuns32Bit => Runs32Bit.Value;

    /// <summary>
    /// The NEEDED entries among <paramref name="names"/> that the dynamic loader would not find through the
    /// file's own RPATH/RUNPATH (with <c>$ORIGIN</c> expanded), read with the engine's ELF reader: the check
    /// that a moved program still finds its libraries, without running it.
    /// </summary>
    public static List<string> UnresolvedThroughSearchPath(string file, params string[] names)
    {
        var info = CondaRecipes.Elf.ElfReader.Read(file).Info!;
        var origin = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var dirs = info.EffectiveSearchPath.Select(d => d.Replace("$ORIGIN", origin).Replace("${ORIGIN}", origin)).ToList();
        return names.Where(n => info.Needed.Contains(n) == false || !dirs.Any(d => File.Exists(Path.Combine(d, n)))).ToList();
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
