using System.Security.Cryptography;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace CondaRecipes.Tests.Pipeline;

/// <summary>Independent checks of what the engine produced: Debian's cph, our own hashes, repodata.</summary>
public static class ChannelInspection
{
    /// <summary>Extracts an archive with Debian's conda-package-handling (`cph x`) into a new folder.</summary>
    public static string ExtractWithCph(string archive)
    {
        var dest = Directory.CreateTempSubdirectory("cr-cph-").FullName;
        var r = Cli.Wrap("cph").WithArguments(["x", archive, "--dest", dest])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync().GetAwaiter().GetResult();
        Assert.That(r.ExitCode, Is.EqualTo(0), $"cph x {archive}: {r.StandardError}{r.StandardOutput}");
        return dest;
    }

    public static string Sha256(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    public static string Md5(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(s));
    }

    /// <summary>Every file paths.json lists exists in the extracted tree with that size and sha256.</summary>
    public static void AssertMatchesPathsJson(string extracted)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(extracted, "info", "paths.json")));
        var entries = doc.RootElement.GetProperty("paths").EnumerateArray().ToList();
        Assert.That(entries, Is.Not.Empty);
        foreach (var e in entries)
        {
            var rel = e.GetProperty("_path").GetString()!;
            var full = Path.Combine(extracted, rel);
            if (e.GetProperty("path_type").GetString() != "hardlink") continue;
            Assert.That(File.Exists(full), $"{rel} listed in paths.json but missing");
            Assert.That(new FileInfo(full).Length, Is.EqualTo(e.GetProperty("size_in_bytes").GetInt64()), rel);
            Assert.That(Sha256(full), Is.EqualTo(e.GetProperty("sha256").GetString()), rel);
        }
        var listed = entries.Select(e => e.GetProperty("_path").GetString()).ToHashSet();
        var onDisk = Directory.EnumerateFiles(extracted, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(extracted, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("info/", StringComparison.Ordinal));
        Assert.That(onDisk.Where(f => !listed.Contains(f)), Is.Empty, "files in the archive that paths.json does not list");
    }

    /// <summary>The repodata record of every archive in a subdir: md5, sha256, size of the file itself.</summary>
    public static void AssertRepodataMatchesArchives(string subdirDir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(subdirDir, "repodata.json")));
        var root = doc.RootElement;
        var archives = Directory.EnumerateFiles(subdirDir).Where(f => f.EndsWith(".conda") || f.EndsWith(".tar.bz2")).ToList();
        foreach (var archive in archives)
        {
            var fn = Path.GetFileName(archive);
            var key = fn.EndsWith(".conda") ? "packages.conda" : "packages";
            Assert.That(root.GetProperty(key).TryGetProperty(fn, out var rec), $"{fn} not in repodata.json");
            Assert.That(rec.GetProperty("sha256").GetString(), Is.EqualTo(Sha256(archive)), fn);
            Assert.That(rec.GetProperty("md5").GetString(), Is.EqualTo(Md5(archive)), fn);
            Assert.That(rec.GetProperty("size").GetInt64(), Is.EqualTo(new FileInfo(archive).Length), fn);
        }
        var listed = root.GetProperty("packages.conda").EnumerateObject().Count() + root.GetProperty("packages").EnumerateObject().Count();
        Assert.That(listed, Is.EqualTo(archives.Count), "repodata lists exactly the archives present");
    }
}
