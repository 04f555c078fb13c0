using CondaRecipes.Recipes;
using CondaRecipes.Recipes.V1.Tests;

namespace CondaRecipes.Tests.Recipes.Derecho;

/// <summary>
/// recipes/v1/mpi4py/recipe.yaml, the recipe.yaml port of recipes/mpi4py/meta.yaml, renders to the same
/// package for every variant of the Derecho matrix, in both label placements: file name, build number,
/// source, requirements, RPATH policy, about and tests. (mpi4py's source is a download and the host MPI is
/// Cray's, so the packages themselves are not built here; the rendered metadata is what both builds start from.)
/// </summary>
public class Mpi4pyV1PortTests
{
    private static readonly string[] Placements = ["build", "version"];

    private static RenderedRecipe RenderPort(ProbedVariant v)
    {
        var env = new Dictionary<string, string>(v.SiteEnvironment, StringComparer.Ordinal);
        foreach (var (k, val) in v.Variables) env[k] = val;
        var dir = Path.Combine(Path.GetDirectoryName(v.RecipeDir.TrimEnd('/'))!, "v1", "mpi4py");
        return RecipeRenderer.Render(dir, new RenderContext { Variables = v.Variables, PythonVersion = v.PythonVersion, Environment = env });
    }

    private static IEnumerable<string> Specs(IEnumerable<RecipeRequirement> r) => r.Select(x => x.Spec);

    [TestCaseSource(nameof(Placements))]
    public void Both_formats_render_the_same_package_for_every_variant(string placement)
    {
        var variants = DerechoMatrix.For(placement).Where(v => v.Project == "mpi4py").ToList();
        Assert.That(variants, Has.Count.EqualTo(6));
        foreach (var v in variants)
        {
            var meta = DerechoRendering.Render(v);
            var port = RenderPort(v);
            Assert.That(port.TemplatePath, Does.EndWith("recipe.yaml"));
            Assert.That(port.FileName, Is.EqualTo(meta.FileName), v.ToString());
            Assert.That(port.FileName, Is.EqualTo(v.PlannedFile), v.ToString());
            var (m, p) = (meta.Recipe, port.Recipe);
            Assert.That(p.Build.Number, Is.EqualTo(m.Build.Number));
            Assert.That(p.Sources.Select(s => (s.Urls.Single(), s.Sha256)), Is.EqualTo(m.Sources.Select(s => (s.Urls.Single(), s.Sha256))), v.ToString());
            Assert.That(Specs(p.Requirements.Build), Is.EqualTo(Specs(m.Requirements.Build)), v.ToString());
            Assert.That(Specs(p.Requirements.Host), Is.EqualTo(Specs(m.Requirements.Host)), v.ToString());
            Assert.That(Specs(p.Requirements.Run), Is.EqualTo(Specs(m.Requirements.Run)), v.ToString());
            Assert.That(p.Build.Rpaths, Is.EqualTo(m.Build.Rpaths));
            Assert.That(p.Build.HostRunpathWhitelist, Is.EqualTo(m.Build.HostRunpathWhitelist));
            Assert.That(p.Build.MissingDsoWhitelist, Is.EqualTo(m.Build.MissingDsoWhitelist));
            Assert.That((p.About.Home, p.About.License, p.About.LicenseFamily, p.About.Summary, p.About.DevUrl),
                Is.EqualTo((m.About.Home, m.About.License, m.About.LicenseFamily, m.About.Summary, m.About.DevUrl)));
            Assert.That(p.About.LicenseFiles, Is.EqualTo(m.About.LicenseFiles));

            // meta.yaml's test/imports are the port's python test; its run_test.py the port's script test.
            var tests = V1TestReader.Read(port.Outputs.Single().Output.V1Tests);
            Assert.That(tests.OfType<V1PythonTest>().Single().Imports, Is.EqualTo(m.Test.Imports));
            Assert.That(tests.OfType<V1ScriptTest>().Single().Script.File, Is.EqualTo("run_test.py"));
        }
    }

    [Test]
    public void The_port_keeps_the_build_script_and_test_script_of_the_meta_yaml_recipe()
    {
        var root = Path.Combine(Sdk.RepoPaths.Root, "recipes");
        foreach (var file in new[] { "build.sh", "run_test.py" })
            Assert.That(File.ReadAllText(Path.Combine(root, "v1", "mpi4py", file)), Is.EqualTo(File.ReadAllText(Path.Combine(root, "mpi4py", file))), file);
    }
}
