using CondaRecipes.Tests.Sdk;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Tests.Recipes.Derecho;

/// <summary>
/// Each environment file under environments/ names local packages by their site label; every such package
/// must be one the recipe matrix produces (rendered with the SDK's renderer), in the placement the spec uses.
/// </summary>
public class EnvironmentFileTests
{
    private const string Label = "derecho";

    public static IEnumerable<string> EnvironmentFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "environments"), "*.yaml")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepoPaths.Root, "environments", file));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<string> List(YamlMappingNode root, string key) =>
        ((YamlSequenceNode)root.Children[new YamlScalarNode(key)]).Children.Select(n => ((YamlScalarNode)n).Value!);

    [Test]
    public void There_are_environment_files() => Assert.That(EnvironmentFiles().Count(), Is.GreaterThanOrEqualTo(3));

    [TestCaseSource(nameof(EnvironmentFiles))]
    public void Channels_are_the_local_output_then_the_external_mpi_label_then_conda_forge(string file)
    {
        var channels = List(Load(file), "channels").ToList();
        Assert.That(channels, Has.Count.EqualTo(3));
        Assert.That(channels[0], Does.StartWith("file:///").And.EndWith("/output"));
        Assert.That(channels[1], Is.EqualTo("conda-forge/label/mpi-external"));
        Assert.That(channels[2], Is.EqualTo("conda-forge"));
    }

    [TestCaseSource(nameof(EnvironmentFiles))]
    public void Every_labelled_package_is_produced_by_the_matrix(string file)
    {
        var labelled = List(Load(file), "dependencies").Select(LabelSpec.Parse).Where(s => s.Mentions(Label)).ToList();
        Assert.That(labelled, Is.Not.Empty, $"{file} selects no local package");
        foreach (var spec in labelled)
        {
            // `=*=derecho*` selects by build string (the default placement), `=*_derecho` by version suffix.
            var placement = spec.BuildGlob.Contains(Label) ? "build" : "version";
            var produced = DerechoRendering.RenderAll(placement);
            Assert.That(produced.Any(spec.Matches), Is.True,
                $"{file}: {spec} matches none of {string.Join(", ", produced.Where(r => r.Recipe.Package.Name == spec.Name).Select(r => r.DistName).DefaultIfEmpty("(no package of that name)"))}");
        }
    }

    [Test]
    public void A_spec_in_the_other_placement_matches_nothing()
    {
        // The label placement is exclusive: the check above cannot pass by accident.
        var versionForm = LabelSpec.Parse("pytorch =*_derecho");
        var buildForm = LabelSpec.Parse("pytorch =*=derecho*");
        Assert.That(DerechoRendering.RenderAll("build").Any(versionForm.Matches), Is.False);
        Assert.That(DerechoRendering.RenderAll("version").Any(buildForm.Matches), Is.False);
        Assert.That(DerechoRendering.RenderAll("build").Any(buildForm.Matches), Is.True);
    }
}
