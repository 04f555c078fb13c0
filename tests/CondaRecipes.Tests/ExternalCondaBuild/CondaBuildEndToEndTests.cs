using CondaRecipes.ExternalCondaBuild;

namespace CondaRecipes.Tests.CondaBuild;

/// <summary>
/// Builds a tiny recipe with the real conda-build when one is on PATH (sites with conda). This machine
/// has none, so here the test reports itself as ignored with the reason.
/// </summary>
[TestFixture]
public class CondaBuildEndToEndTests
{
    [Test]
    public async Task RealCondaBuild_BuildsANoarchRecipe_AndOutputNameMatches()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        var condaBuild = CondaToolLocator.TryFindCondaBuild(null, path);
        if (condaBuild is null)
            Assert.Ignore($"conda-build not on PATH: searched {path}");

        var dir = TestFiles.NewTempDirectory();
        try
        {
            var recipe = Path.Combine(dir, "recipes", "condarecipes-e2e");
            Directory.CreateDirectory(recipe);
            File.WriteAllText(Path.Combine(recipe, "meta.yaml"), """
                package:
                  name: condarecipes-e2e
                  version: "1.0"
                build:
                  number: 0
                  noarch: generic
                  script: mkdir -p $PREFIX/share/condarecipes-e2e && echo "{{ environ.get('E2E_VALUE', 'unset') }}" > $PREFIX/share/condarecipes-e2e/value.txt
                  host_runpath_whitelist:
                    - /opt/cray/*
                """);
            var invocation = new CondaBuildInvocation
            {
                RecipeDirectory = recipe,
                PythonVersion = "3.11",
                OutputFolder = Path.Combine(dir, "output"),
                VariantName = "e2e",
                Environment = new Dictionary<string, string> { ["E2E_VALUE"] = "from-variant" },
            };
            var runner = new CondaBuildRunner(condaBuild!, Path.Combine(dir, "logs"));

            var expected = await runner.GetOutputPathsAsync(invocation);
            await runner.BuildAsync(invocation, TestContext.Progress.WriteLine);

            Assert.That(expected, Has.Count.EqualTo(1));
            Assert.That(File.Exists(expected[0]), Is.True, $"conda-build --output said {expected[0]}");
        }
        finally
        {
            TestFiles.DeleteQuietly(dir);
        }
    }
}
