using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.V1.Tests;

namespace CondaRecipes.Tests.Recipes.V1;

/// <summary>A rendered recipe.yaml <c>tests:</c> list read into test kinds, with rattler-build's shapes and defaults.</summary>
public class V1TestReaderTests
{
    private static IReadOnlyList<V1Test> Read(string yaml) =>
        new V1TestReader("recipe.yaml").Read(RenderedYaml.Parse(yaml, "recipe.yaml"));

    [Test]
    public void Python_test_checks_pip_by_default_and_takes_one_version_or_a_list()
    {
        var tests = Read("""
            - python:
                imports:
                  - mypkg
                  - mypkg.sub
            - python:
                imports: mypkg
                pip_check: false
                python_version: "3.11"
            - python:
                imports: [mypkg]
                python_version: [3.11.*, "3.12"]
            """);
        var p = tests.Cast<V1PythonTest>().ToList();
        Assert.That(p[0].Imports, Is.EqualTo(new[] { "mypkg", "mypkg.sub" }));
        Assert.That(p[0].PipCheck, Is.True);
        Assert.That(p[0].PythonVersions, Is.Empty);
        Assert.That(p[1].PipCheck, Is.False);
        Assert.That(p[1].PythonVersions, Is.EqualTo(new[] { "3.11" }));
        Assert.That(p[2].PythonVersions, Is.EqualTo(new[] { "3.11.*", "3.12" }));
        Assert.That(tests.Select(t => t.Line), Is.EqualTo(new[] { 1, 5, 9 }));
    }

    [Test]
    public void Script_test_as_string_list_file_and_mapping_with_requirements_and_files()
    {
        var tests = Read("""
            - script: run_checks
            - script:
                - echo one
                - test -f $PREFIX/lib/libfoo.so
              requirements:
                run: [numpy]
                build: [cmake]
              files:
                source: [tests/]
                recipe: ["*.py"]
            - script:
                interpreter: python
                env:
                  HELLO: world
                content: |
                  import foo
                  assert foo.x == 1
            - script:
                file: check.py
            """).Cast<V1ScriptTest>().ToList();
        Assert.That(tests[0].Script.CommandOrFile, Is.True);
        Assert.That(tests[0].Script.Commands, Is.EqualTo(new[] { "run_checks" }));
        Assert.That(tests[1].Script.Commands, Has.Count.EqualTo(2));
        Assert.That(tests[1].RunRequirements, Is.EqualTo(new[] { "numpy" }));
        Assert.That(tests[1].BuildRequirements, Is.EqualTo(new[] { "cmake" }));
        Assert.That(tests[1].SourceFiles, Is.EqualTo(new[] { "tests/" }));
        Assert.That(tests[1].RecipeFiles, Is.EqualTo(new[] { "*.py" }));
        Assert.That(tests[2].Script.Interpreter, Is.EqualTo("python"));
        Assert.That(tests[2].Script.Env["HELLO"], Is.EqualTo("world"));
        Assert.That(tests[2].Script.Commands.Single(), Does.Contain("assert foo.x == 1"));
        Assert.That(tests[2].Script.CommandOrFile, Is.False);
        Assert.That(tests[3].Script.File, Is.EqualTo("check.py"));
    }

    [Test]
    public void Package_contents_lists_mean_exists_and_the_mapping_form_adds_not_exists()
    {
        var t = (V1PackageContentsTest)Read("""
            - package_contents:
                files:
                  exists: [share/foo/*.txt]
                  not_exists: [share/foo/old.txt]
                site_packages: [foo, foo.api]
                bin: [foo]
                lib: [foo]
                include: [foo.h]
                strict: true
            """).Single();
        Assert.That(t.Files.Exists, Is.EqualTo(new[] { "share/foo/*.txt" }));
        Assert.That(t.Files.NotExists, Is.EqualTo(new[] { "share/foo/old.txt" }));
        Assert.That(t.SitePackages.Exists, Is.EqualTo(new[] { "foo", "foo.api" }));
        Assert.That((t.Bin.Exists, t.Lib.Exists, t.Include.Exists), Is.EqualTo((new[] { "foo" }, new[] { "foo" }, new[] { "foo.h" })));
        Assert.That(t.Strict, Is.True);
    }

    [Test]
    public void Downstream_test_names_a_spec()
    {
        var t = (V1DownstreamTest)Read("- downstream: mypkg-plugins >=1.0\n").Single();
        Assert.That(t.Spec, Is.EqualTo("mypkg-plugins >=1.0"));
    }

    [TestCase("- python:\n    imports: [a]\n    pip: true\n", "CR1482", 3)]
    [TestCase("- package_contents:\n    strict: maybe\n", "CR1483", 2)]
    [TestCase("- package_contents:\n    files: {exists: [a], also: [b]}\n", "CR1482", 2)]
    [TestCase("- imports: [a]\n", "CR1480", 1)]
    [TestCase("- r:\n    libraries: [dplyr]\n", "CR1481", 1)]
    [TestCase("- script: [a]\n  requirements:\n    host: [b]\n", "CR1482", 3)]
    [TestCase("- script:\n    file: a.sh\n    content: echo\n", "CR1483", 2)]
    [TestCase("- downstream: a\n  extra: b\n", "CR1482", 2)]
    [TestCase("python: {}\n", "CR1484", 1)]
    [TestCase("- just a string\n", "CR1484", 1)]
    public void Wrong_shapes_are_coded_errors_at_their_line(string yaml, string code, int line)
    {
        var e = Assert.Throws<CondaRecipesException>(() => Read(yaml))!;
        Assert.That((e.Code, e.Line, e.File), Is.EqualTo((code, line, "recipe.yaml")), e.Message);
    }

    [Test]
    public void No_tests_node_is_no_tests()
    {
        Assert.That(V1TestReader.Read((CondaRecipes.Recipes.V1.V1TestsNode?)null), Is.Empty);
        Assert.That(Read("[]"), Is.Empty);
    }

    [Test]
    public void Tests_written_into_a_package_read_back_as_they_were_rendered()
    {
        var node = (CondaRecipes.Recipes.V1.V1Sequence)RenderedYaml.Parse("""
            - python:
                imports: [a.b]
                pip_check: false
            - script:
                - 'echo "it''s ok: $PREFIX"'
              files:
                recipe: [data/]
            - package_contents:
                lib: [z]
                strict: true
            """, "recipe.yaml")!;
        var file = Path.Combine(Directory.CreateTempSubdirectory("cr-packaged-tests-").FullName, "tests.yaml");
        File.WriteAllText(file, PackagedTests.Text(new CondaRecipes.Recipes.V1.V1TestsNode(node, "recipe.yaml", 3)));

        var tests = PackagedTests.Read(file);

        Assert.That(tests.Select(t => t.Kind), Is.EqualTo(new[] { "python", "script", "package_contents" }));
        Assert.That(((V1PythonTest)tests[0]).Imports, Is.EqualTo(new[] { "a.b" }));
        Assert.That(((V1PythonTest)tests[0]).PipCheck, Is.False);
        Assert.That(((V1ScriptTest)tests[1]).Script.Commands.Single(), Is.EqualTo("echo \"it's ok: $PREFIX\""));
        Assert.That(((V1ScriptTest)tests[1]).RecipeFiles, Is.EqualTo(new[] { "data/" }));
        Assert.That(((V1PackageContentsTest)tests[2]).Strict, Is.True);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
