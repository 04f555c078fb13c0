namespace CondaRecipes.Tests.Recipes;

/// <summary>A recipe directory under the temp directory, removed on dispose.</summary>
internal sealed class RecipeDirectory : IDisposable
{
    public RecipeDirectory(string metaYaml, string fileName = "meta.yaml")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "condarecipes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (metaYaml.Length > 0 || fileName.Length > 0) File.WriteAllText(MetaPath(fileName), metaYaml);
    }

    public string Path { get; }

    public string MetaPath(string fileName = "meta.yaml") => System.IO.Path.Combine(Path, fileName);

    public void Write(string relativePath, string text) =>
        File.WriteAllText(System.IO.Path.Combine(Path, relativePath), text);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
