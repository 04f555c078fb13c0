using CondaRecipes.Packaging;

namespace CondaRecipes.Tests.Channels.Publishing;

/// <summary>Real packages made with the engine's own writers, for the channel publishing tests.</summary>
internal static class TestPackages
{
    /// <summary>Writes <c>name-version-h0_0.conda</c> into <paramref name="folder"/>/&lt;subdir&gt;/; <paramref name="payload"/>
    /// makes two builds of one file name differ, <paramref name="bigFileBytes"/> adds an incompressible file.</summary>
    public static string Build(string scratch, string folder, string name, string version, string subdir = "linux-64",
        string payload = "", long bigFileBytes = 0)
    {
        var root = Path.Combine(scratch, "roots", $"{name}-{version}-{subdir}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "share", name));
        File.WriteAllText(Path.Combine(root, "share", name, "README"), $"{name} {version} {payload}\n");
        if (bigFileBytes > 0)
        {
            // Random bytes: zstd stores them as they are, so a large package is quick to write.
            using var big = File.Create(Path.Combine(root, "share", name, "data.bin"));
            var block = new byte[1 << 20];
            for (long written = 0; written < bigFileBytes; written += block.Length)
            {
                Random.Shared.NextBytes(block);
                big.Write(block, 0, (int)Math.Min(block.Length, bigFileBytes - written));
            }
        }
        var metadata = new PackageMetadata
        {
            Name = name, Version = version, Build = "h0_0", Subdir = subdir, Noarch = subdir == "noarch" ? "generic" : null,
            License = "MIT", Timestamp = 1_700_000_000_000, About = new AboutInfo { Summary = $"{name} {payload}" },
        };
        InfoWriter.Write(root, metadata, prefix: null);
        var archive = Path.Combine(folder, subdir, metadata.FileStem + ".conda");
        CondaArchiveWriter.Write(root, archive, new ArchiveWriteOptions { ZstdLevel = 1, ZstdThreads = 0 });
        Directory.Delete(root, recursive: true);
        return archive;
    }
}
