using System.Xml.Linq;
using CondaRecipes.Diagnostics;
using CondaRecipes.Site;

namespace CondaRecipes.Tests.Site;

/// <summary>Wrapping existing conda-build recipe folders into recipe projects (the engine, no MSBuild).</summary>
public class RecipeWrapperTests
{
    private string _root = "";

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("cr-wrap-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private string Source => Path.Combine(_root, "conda-recipes");
    private string Projects => Path.Combine(_root, "recipes");

    private static XDocument Load(string path) => XDocument.Load(path);

    private static IEnumerable<string> Items(XDocument project, string item) =>
        project.Descendants(item).Select(e => e.Attribute("Include")!.Value);

    [Test]
    public void Each_recipe_folder_becomes_a_project_that_references_the_projects_producing_what_it_requires()
    {
        RecipeFolders.Write(Source);
        var before = RecipeFolders.Snapshot(Source);

        var wrapped = RecipeWrapper.Wrap(new WrapRequest(Source, Projects, ["3.12", "3.11"]));

        Assert.That(wrapped.Select(w => Path.GetFileName(w.ProjectPath)),
            Is.EquivalentTo(new[] { "zlib-lite.proj", "hdf-lite.proj", "pyhdf.proj", "cli-tool.proj" }));
        Assert.That(RecipeFolders.Snapshot(Source), Is.EqualTo(before), "the recipe folders are only read");

        var hdf = Load(Path.Combine(Projects, "hdf-lite.proj"));
        Assert.That(hdf.Root!.Attribute("Sdk")!.Value, Is.EqualTo("CondaRecipes.Sdk"));
        Assert.That(hdf.Descendants("CondaRecipeDir").Single().Value, Is.EqualTo("../conda-recipes/hdf-lite"));
        Assert.That(Items(hdf, "ProjectReference"), Is.EqualTo(new[] { "zlib-lite.proj" }));
        Assert.That(Items(hdf, "CondaPython"), Is.Empty, "no python requirement, no Python axis");

        // pyhdf's own conda_build_config.yaml sets python: the SDK reads it, the project repeats nothing.
        var pyhdf = Load(Path.Combine(Projects, "pyhdf.proj"));
        Assert.That(Items(pyhdf, "CondaPython"), Is.Empty);
        Assert.That(Items(pyhdf, "ProjectReference"), Is.EqualTo(new[] { "hdf-lite.proj" }));

        // cli-tool needs python and its recipe leaves it to conda-build's interpreter: the wrapper's axis.
        var cli = Load(Path.Combine(Projects, "cli-tool.proj"));
        Assert.That(Items(cli, "CondaPython"), Is.EqualTo(new[] { "3.12;3.11" }));
        Assert.That(Items(cli, "ProjectReference"), Is.EqualTo(new[] { "pyhdf.proj" }), "a run requirement orders too");

        Assert.That(Items(Load(Path.Combine(Projects, "zlib-lite.proj")), "ProjectReference"), Is.Empty);
    }

    [Test]
    public void A_recipe_yaml_folder_is_wrapped_and_ordered_by_its_v1_requirements()
    {
        RecipeFolders.Write(Source);
        RecipeFolders.WriteV1(Source);
        // A v1 tool needing python that no variant file of its own sets: the wrapper's axis.
        RecipeFolders.Put(Source, "py-tool/recipe.yaml", """
            package:
              name: py-tool
              version: "1.0"
            requirements:
              host:
                - if: linux
                  then: python
              run:
                - python
                - hdf-py
            """);
        var before = RecipeFolders.Snapshot(Source);

        var wrapped = RecipeWrapper.Wrap(new WrapRequest(Source, Projects, ["3.12"]));

        Assert.That(RecipeFolders.Snapshot(Source), Is.EqualTo(before), "the recipe folders are only read");
        var hdfPy = wrapped.Single(w => Path.GetFileName(w.ProjectPath) == "hdf-py.proj");
        Assert.That(hdfPy.Packages, Is.EqualTo(new[] { "hdf-py" }));
        Assert.That(hdfPy.Requirements, Is.EqualTo(new[] { "hdf-lite", "python" }), "an inline if of the v1 format is rendered");
        var hdfPyProject = Load(hdfPy.ProjectPath);
        Assert.That(Items(hdfPyProject, "ProjectReference"), Is.EqualTo(new[] { "hdf-lite.proj" }), "a v1 recipe built after the meta.yaml one it requires");
        Assert.That(Items(hdfPyProject, "CondaPython"), Is.Empty, "its variants.yaml sets python: the SDK reads it");

        var tool = Load(Path.Combine(Projects, "py-tool.proj"));
        Assert.That(Items(tool, "CondaPython"), Is.EqualTo(new[] { "3.12" }));
        Assert.That(Items(tool, "ProjectReference"), Is.EqualTo(new[] { "hdf-py.proj" }));
    }

    [Test]
    public void A_single_recipe_folder_beside_its_project_needs_no_recipe_dir()
    {
        RecipeFolders.Write(Projects);
        var wrapped = RecipeWrapper.Wrap(new WrapRequest(Path.Combine(Projects, "zlib-lite"), Projects, []));
        Assert.That(wrapped, Has.Count.EqualTo(1));
        var project = Load(wrapped[0].ProjectPath);
        Assert.That(project.Descendants("CondaRecipeDir"), Is.Empty);
        Assert.That(wrapped[0].Packages, Is.EqualTo(new[] { "zlib-lite" }));
    }

    [Test]
    public void An_existing_project_is_kept_and_nothing_is_written_unless_overwrite_is_asked()
    {
        RecipeFolders.Write(Source);
        Directory.CreateDirectory(Projects);
        File.WriteAllText(Path.Combine(Projects, "pyhdf.proj"), "<Project />");

        var e = Assert.Throws<CondaRecipesException>(() => RecipeWrapper.Wrap(new WrapRequest(Source, Projects, ["3.12"])))!;
        Assert.That(e.Code, Is.EqualTo("CR8403"));
        Assert.That(Directory.GetFiles(Projects), Has.Length.EqualTo(1), "no other project was written");
        Assert.That(File.ReadAllText(Path.Combine(Projects, "pyhdf.proj")), Is.EqualTo("<Project />"));

        RecipeWrapper.Wrap(new WrapRequest(Source, Projects, ["3.12"], Overwrite: true));
        Assert.That(Directory.GetFiles(Projects, "*.proj"), Has.Length.EqualTo(4));
        Assert.That(File.ReadAllText(Path.Combine(Projects, "pyhdf.proj")), Does.Contain("hdf-lite.proj"));
    }

    [Test]
    public void Recipes_requiring_each_other_in_a_cycle_are_an_error()
    {
        RecipeFolders.Put(Source, "a/meta.yaml", "package:\n  name: a\n  version: 1\nrequirements:\n  host:\n    - b\n");
        RecipeFolders.Put(Source, "b/meta.yaml", "package:\n  name: b\n  version: 1\nrequirements:\n  run:\n    - a\n");
        var e = Assert.Throws<CondaRecipesException>(() => RecipeWrapper.Wrap(new WrapRequest(Source, Projects, [])))!;
        Assert.That(e.Code, Is.EqualTo("CR8404"));
        Assert.That(e.Message, Does.Contain("a -> b -> a"));
        Assert.That(Directory.Exists(Projects), Is.False);
    }

    [Test]
    public void Two_recipes_producing_the_same_package_are_an_error()
    {
        RecipeFolders.Put(Source, "one/meta.yaml", "package:\n  name: same\n  version: 1\n");
        RecipeFolders.Put(Source, "two/meta.yaml", "package:\n  name: same\n  version: 2\n");
        var e = Assert.Throws<CondaRecipesException>(() => RecipeWrapper.Wrap(new WrapRequest(Source, Projects, [])))!;
        Assert.That(e.Code, Is.EqualTo("CR8405"));
    }

    [Test]
    public void A_folder_without_recipes_and_a_recipe_that_does_not_render_are_errors()
    {
        Directory.CreateDirectory(Source);
        Assert.That(Assert.Throws<CondaRecipesException>(() => RecipeWrapper.Wrap(new WrapRequest(Source, Projects, [])))!.Code,
            Is.EqualTo("CR8401"));
        Assert.That(Assert.Throws<CondaRecipesException>(() => RecipeWrapper.Wrap(new WrapRequest(Path.Combine(_root, "none"), Projects, [])))!.Code,
            Is.EqualTo("CR8401"));

        RecipeFolders.Put(Source, "bad/meta.yaml", "package:\n  name: bad\n  version: {{ 1 +\n");
        var e = Assert.Throws<CondaRecipesException>(() => RecipeWrapper.Wrap(new WrapRequest(Source, Projects, [])))!;
        Assert.That(e.Code, Is.EqualTo("CR8402"));
        Assert.That(e.File, Does.EndWith("meta.yaml"));

        Directory.Delete(Path.Combine(Source, "bad"), recursive: true);
        RecipeFolders.Put(Source, "bad-v1/recipe.yaml", "package:\n  name: bad-v1\n  version: ${{ env.get(\"UNSET_VERSION_VARIABLE\") }}\n");
        e = Assert.Throws<CondaRecipesException>(() => RecipeWrapper.Wrap(new WrapRequest(Source, Projects, [])))!;
        Assert.That(e.Code, Is.EqualTo("CR8402"));
        Assert.That(e.File, Does.EndWith("recipe.yaml"));
    }
}
