using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Packaging;

namespace CondaRecipes.Tests.Packaging;

/// <summary>
/// A real package tree built in a 255-character placeholder prefix: a gcc-compiled program that embeds the
/// prefix, a text file and a script whose shebang point into it, a shared-library symlink and an empty dir.
/// </summary>
internal sealed class PackageFixture : IDisposable
{
    public string Scratch { get; }
    public string Prefix { get; }

    private PackageFixture(string scratch, string prefix)
    {
        Scratch = scratch;
        Prefix = prefix;
    }

    public static async Task<PackageFixture> CreateAsync()
    {
        var scratch = Directory.CreateTempSubdirectory("cr-pkg-").FullName;
        var prefix = PrefixPlaceholder.Create(Path.Combine(scratch, "demo_1700000000"));
        Directory.CreateDirectory(Path.Combine(prefix, "bin"));
        Directory.CreateDirectory(Path.Combine(prefix, "lib"));
        Directory.CreateDirectory(Path.Combine(prefix, "share", "demo", "empty"));

        var source = Path.Combine(scratch, "hello.c");
        await File.WriteAllTextAsync(source,
            "#include <stdio.h>\nstatic const char *data_dir = DATA_DIR;\nint main(void) { puts(data_dir); return 0; }\n");
        var result = await Cli.Wrap("gcc")
            .WithArguments(["-O2", $"-DDATA_DIR=\"{prefix}/share/demo\"", "-o", Path.Combine(prefix, "bin", "hello"), source])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
        Assert.That(result.ExitCode, Is.EqualTo(0), result.StandardError);

        await File.WriteAllTextAsync(Path.Combine(prefix, "share", "demo", "demo.conf"), $"data_dir = {prefix}/share/demo\nmode = fast\n");
        var script = Path.Combine(prefix, "bin", "demo-tool");
        await File.WriteAllTextAsync(script, $"#!{prefix}/bin/python3.12 -E\nprint('hi')\n");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        await File.WriteAllBytesAsync(Path.Combine(prefix, "lib", "libdemo.so.1"), Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray());
        File.CreateSymbolicLink(Path.Combine(prefix, "lib", "libdemo.so"), "libdemo.so.1");
        await File.WriteAllTextAsync(Path.Combine(prefix, "lib", "plain.txt"), "no prefix here\n");
        return new PackageFixture(scratch, prefix);
    }

    public static PackageMetadata Metadata(string name = "demo") => new()
    {
        Name = name,
        Version = "1.2.3",
        Build = "derecho_py312_1000",
        BuildNumber = 1000,
        Depends = ["python >=3.12,<3.13", "libgcc-ng >=12"],
        Constrains = ["demo-extras 1.2.3"],
        License = "BSD-3-Clause",
        Timestamp = 1_700_000_000_123,
        About = new AboutInfo { Summary = "A demo package", Home = "https://example.org/demo" },
        RunExports = new RunExports { Weak = ["demo >=1.2.3,<2"] },
        RenderedRecipe = "package:\n  name: demo\n  version: 1.2.3\n",
        OriginalRecipe = "package:\n  name: {{ name }}\n  version: 1.2.3\n",
        Test = new TestSpec { Imports = ["demo"], Commands = ["hello"], Requires = ["pytest"] },
        HashInput = new Dictionary<string, string> { ["python"] = "3.12" },
    };

    public void Dispose()
    {
        try { Directory.Delete(Scratch, recursive: true); } catch (IOException) { }
    }
}
