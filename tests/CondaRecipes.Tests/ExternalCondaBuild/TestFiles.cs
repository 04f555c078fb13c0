using System.Diagnostics;

namespace CondaRecipes.Tests.CondaBuild;

/// <summary>Temp directories, fixture paths and small process helpers shared by the CondaBuild tests.</summary>
internal static class TestFiles
{
    public static string FixturesDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "ExternalCondaBuild", "Fixtures");

    public static string Fixture(params string[] parts) => Path.Combine([FixturesDirectory, .. parts]);

    /// <summary>A fresh directory under the system temp dir, removed by the caller's TearDown.</summary>
    public static string NewTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "condarecipes-condabuild-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void DeleteQuietly(string? dir)
    {
        if (dir is not null && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    /// <summary>Writes an executable script (mode 0755).</summary>
    public static string WriteExecutable(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("755", 8));
        return path;
    }

    /// <summary>The machine's python3 (pyenv's shim is fine), found on the test process's PATH.</summary>
    public static string Python3 => Which("python3") ?? throw new InconclusiveException("python3 is not on PATH");

    public static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, name))
        .FirstOrDefault(File.Exists);

    /// <summary>Runs a program to completion and returns (exit code, stdout + stderr).</summary>
    public static (int ExitCode, string Output) Run(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>
    /// Lays out a conda-build installation inside <paramref name="environment"/> the way conda installs
    /// it — lib/python3.11/site-packages/conda_build/ — from the stand-ins and one fixture family.
    /// </summary>
    public static string InstallFixtureCondaBuild(string environment, string family)
    {
        var sitePackages = Path.Combine(environment, "lib", "python3.11", "site-packages");
        CopyDirectory(Fixture("standins", "conda_build"), Path.Combine(sitePackages, "conda_build"));
        File.Copy(Fixture(family, "post.py"), Path.Combine(sitePackages, "conda_build", "post.py"), overwrite: true);
        File.Copy(Fixture(family, "_version.py"), Path.Combine(sitePackages, "conda_build", "_version.py"), overwrite: true);
        if (File.Exists(Fixture(family, "METADATA")))
        {
            var version = File.ReadAllLines(Fixture(family, "METADATA")).First(l => l.StartsWith("Version:"))[8..].Trim();
            var distInfo = Path.Combine(sitePackages, $"conda_build-{version}.dist-info");
            Directory.CreateDirectory(distInfo);
            File.Copy(Fixture(family, "METADATA"), Path.Combine(distInfo, "METADATA"));
        }
        return Path.Combine(sitePackages, "conda_build", "post.py");
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    /// <summary>
    /// Writes a FAKE conda/mamba/micromamba at <paramref name="path"/>: it appends its argv (joined by '|',
    /// led by its own path when <paramref name="logToolPath"/>) to <paramref name="argvLog"/>, runs
    /// <paramref name="failLines"/> first (to simulate a failed solve), and given <c>-p DIR -f YAML</c> creates
    /// DIR with conda-meta/, bin/python (the real python3), bin/conda-build (a copy of
    /// <paramref name="condaBuild"/>) and lib/ from <paramref name="environmentTemplate"/>.
    /// </summary>
    public static string WriteFakeEnvironmentCreator(string path, string argvLog, bool logToolPath, string failLines,
        string condaBuild, string environmentTemplate) => WriteExecutable(path, $$"""
        #!/usr/bin/env bash
        set -euo pipefail
        (IFS='|'; echo "{{(logToolPath ? "$0|" : "")}}$*") >> '{{argvLog}}'
        {{failLines}}
        prefix=""; file=""
        while [ $# -gt 0 ]; do
          case "$1" in
            -p) prefix="$2"; shift 2 ;;
            -f) file="$2"; shift 2 ;;
            *) shift ;;
          esac
        done
        [ -n "$prefix" ] && [ -f "$file" ] || { echo "fake conda: need -p DIR -f FILE" >&2; exit 2; }
        [ ! -e "$prefix" ] || { echo "fake conda: prefix $prefix already exists" >&2; exit 3; }
        mkdir -p "$prefix/conda-meta" "$prefix/bin"
        cp -r '{{environmentTemplate}}/lib' "$prefix/lib"
        cp '{{condaBuild}}' "$prefix/bin/conda-build"
        ln -s '{{Python3}}' "$prefix/bin/python"
        echo "Preparing transaction: done"
        echo "Executing transaction: done"
        """);
}
