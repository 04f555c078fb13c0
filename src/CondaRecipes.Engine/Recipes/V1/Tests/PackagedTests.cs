namespace CondaRecipes.Recipes.V1.Tests;

/// <summary>
/// An output's rendered <c>tests:</c> as the package carries them (<c>info/tests/tests.yaml</c>, as
/// rattler-build packages them), so a later build's <c>downstream</c> test can run them.
/// </summary>
public static class PackagedTests
{
    public const string RelativePath = "info/tests/tests.yaml";

    /// <summary>The YAML written into the package: <c>tests:</c> with the rendered list.</summary>
    public static string Text(V1TestsNode tests) =>
        V1Emitter.Emit(new V1Mapping([new V1Entry("tests", tests.Node, tests.Line)], tests.Line)).Text;

    /// <summary>The tests of a package's tests.yaml: a <c>tests:</c> mapping, or a bare list (rattler-build's own).</summary>
    public static IReadOnlyList<V1Test> Read(string file)
    {
        var root = RenderedYaml.Parse(File.ReadAllText(file), file);
        return new V1TestReader(file).Read(root is V1Mapping m && m["tests"] is { } list ? list : root);
    }
}
