namespace CondaRecipes.Tests.Sdk;

/// <summary>
/// A throw-away repository laid out like a user's (global.json pinning the SDK, nuget.config naming the
/// feed), where tests write recipe projects and build them with the real `dotnet build`.
/// </summary>
public sealed class TestRepo : IDisposable
{
    public TestRepo()
    {
        Root = Directory.CreateTempSubdirectory("cr-repo-").FullName;
        File.WriteAllText(Path.Combine(Root, "global.json"),
            $$"""{ "msbuild-sdks": { "CondaRecipes.Sdk": "{{PackedSdk.Version}}", "CondaRecipes.Traversal": "{{PackedSdk.Version}}" } }""");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{PackedSdk.PackagesFolder}" /></config>
              <packageSources><add key="sdk-under-test" value="{PackedSdk.Feed}" /></packageSources>
            </configuration>
            """);
    }

    public string Root { get; }

    public string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Writes a file (creating folders), returning its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    /// <summary>
    /// Two recipe projects under recipes/: base, and app referencing base (listed first by a glob, so the reference
    /// decides the order). Each build script writes <c>$PREFIX/share/&lt;name&gt;/built</c> with what
    /// <paramref name="builtStamp"/> prints (a shell command).
    /// </summary>
    public void WriteBaseAndApp(string builtStamp)
    {
        foreach (var name in new[] { "base", "app" })
        {
            Write($"recipes/{name}/meta.yaml", $"""
                package:
                  name: {name}
                  version: "1.0"
                """);
            Write($"recipes/{name}/build.sh", $"mkdir -p \"$PREFIX/share/{name}\" && {builtStamp.Replace("NAME", name)} > \"$PREFIX/share/{name}/built\"\n");
        }
        Write("recipes/base.proj", """<Project Sdk="CondaRecipes.Sdk" />""");
        Write("recipes/app.proj", """
            <Project Sdk="CondaRecipes.Sdk">
              <ItemGroup><ProjectReference Include="base.proj" /></ItemGroup>
            </Project>
            """);
    }

    /// <summary>Copies a folder of the real repository (e.g. recipes/) into this one.</summary>
    public void CopyFromRepository(string relativeDir)
    {
        var from = Path.Combine(RepoPaths.Root, relativeDir);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(Root, relativeDir, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }
    }

    /// <summary>`dotnet build` with the given arguments in this repository.</summary>
    public DotnetCli.Result Build(params string[] args) =>
        DotnetCli.Run(Root, ["build", "-nologo", "-nr:false", .. args]);

    public void Dispose()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Failed)
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
