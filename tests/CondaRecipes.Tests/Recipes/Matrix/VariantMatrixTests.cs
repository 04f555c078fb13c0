using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes.Matrix;

namespace CondaRecipes.Tests.Recipes.Matrix;

public class VariantMatrixTests
{
    private static readonly Dictionary<string, string> NoOverrides = new(StringComparer.OrdinalIgnoreCase);

    private static AxisDeclaration Python(params string[] v) => new(MatrixVariable.Python, v);

    private static Dictionary<string, string> Props(params (string, string)[] p) =>
        p.ToDictionary(x => x.Item1, x => x.Item2, StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Ids(IEnumerable<Variant> vs) => vs.Select(v => v.ToString());

    [Test]
    public void Cross_product_nests_python_outermost()
    {
        var variants = VariantMatrix.Expand(
            [new("MPI4PY_VERSION", ["4.0.3", "3.1.6"]), Python("3.12", "3.11", "3.10")], NoOverrides);
        Assert.That(Ids(variants), Is.EqualTo(new[]
        {
            "PY_VER=3.12 MPI4PY_VERSION=4.0.3", "PY_VER=3.12 MPI4PY_VERSION=3.1.6",
            "PY_VER=3.11 MPI4PY_VERSION=4.0.3", "PY_VER=3.11 MPI4PY_VERSION=3.1.6",
            "PY_VER=3.10 MPI4PY_VERSION=4.0.3", "PY_VER=3.10 MPI4PY_VERSION=3.1.6",
        }));
        Assert.That(variants[2].PythonVersion, Is.EqualTo("3.11"));
        Assert.That(variants[2].Variables, Is.EquivalentTo(new Dictionary<string, string> { ["MPI4PY_VERSION"] = "4.0.3" }));
        Assert.That(variants[2].Id, Is.EqualTo("py3.11_mpi4py_version-4.0.3"));
    }

    [Test]
    public void Zipped_variables_form_one_axis()
    {
        var variants = VariantMatrix.Expand(
        [
            Python("3.12", "3.11"),
            new("PYTORCH_VERSION", ["2.7.0", "2.6.0", "2.5.1"]),
            new("TORCHVISION_VERSION", ["0.22.0", "0.21.0", "0.20.1"], ZipWith: "PYTORCH_VERSION"),
        ], NoOverrides);
        Assert.That(variants, Has.Count.EqualTo(6));
        Assert.That(variants.Select(v => v.Get("PYTORCH_VERSION") + "/" + v.Get("TORCHVISION_VERSION")).Distinct(),
            Is.EqualTo(new[] { "2.7.0/0.22.0", "2.6.0/0.21.0", "2.5.1/0.20.1" }));
    }

    [Test]
    public void Override_narrows_to_listed_value_and_builds_unlisted_value_as_asked()
    {
        var decl = new List<AxisDeclaration> { Python("3.12", "3.11", "3.10"), new("MPI4PY_VERSION", ["4.0.3", "3.1.6"]) };

        var listed = VariantMatrix.Expand(decl, Props(("mpi4pyversion", "3.1.6")));
        Assert.That(listed.Select(v => v.Get("MPI4PY_VERSION")), Is.EqualTo(new[] { "3.1.6", "3.1.6", "3.1.6" }));

        var unlisted = VariantMatrix.Expand(decl, Props(("Mpi4pyVersion", "4.0.0")));
        Assert.That(Ids(unlisted), Is.EqualTo(new[]
        {
            "PY_VER=3.12 MPI4PY_VERSION=4.0.0", "PY_VER=3.11 MPI4PY_VERSION=4.0.0", "PY_VER=3.10 MPI4PY_VERSION=4.0.0",
        }));

        var both = VariantMatrix.Expand(decl, Props(("PythonVersion", "3.11"), ("Mpi4pyVersion", "4.0.3;3.1.6")));
        Assert.That(Ids(both), Is.EqualTo(new[] { "PY_VER=3.11 MPI4PY_VERSION=4.0.3", "PY_VER=3.11 MPI4PY_VERSION=3.1.6" }));
    }

    [Test]
    public void Override_of_one_zipped_variable_picks_its_partner()
    {
        var decl = new List<AxisDeclaration>
        {
            new("PYTORCH_VERSION", ["2.7.0", "2.6.0"]),
            new("TORCHVISION_VERSION", ["0.22.0", "0.21.0"], ZipWith: "PYTORCH_VERSION"),
        };
        var v = VariantMatrix.Expand(decl, Props(("PytorchVersion", "2.6.0")));
        Assert.That(Ids(v), Is.EqualTo(new[] { "PYTORCH_VERSION=2.6.0 TORCHVISION_VERSION=0.21.0" }));

        var asked = VariantMatrix.Expand(decl, Props(("PytorchVersion", "2.4.1"), ("TorchvisionVersion", "0.19.1")));
        Assert.That(Ids(asked), Is.EqualTo(new[] { "PYTORCH_VERSION=2.4.1 TORCHVISION_VERSION=0.19.1" }));

        var e = Assert.Throws<CondaRecipesException>(() => VariantMatrix.Expand(decl, Props(("PytorchVersion", "2.4.1"))));
        Assert.That(e!.Code, Is.EqualTo(MatrixErrorCodes.PartialZippedOverride));
        Assert.That(e.FullMessage, Does.Contain("-p:TorchvisionVersion=<value>"));
    }

    [Test]
    public void Explicit_override_property_is_honoured()
    {
        var v = VariantMatrix.Expand([new("NCCL_VERSION", ["2.21.5-1"], OverrideProperty: "Nccl")], Props(("nccl", "2.22.3-1")));
        Assert.That(v.Single().Get("NCCL_VERSION"), Is.EqualTo("2.22.3-1"));
    }

    [Test]
    public void No_axes_give_one_default_variant()
    {
        var v = VariantMatrix.Expand([], NoOverrides);
        Assert.That(v.Single().Id, Is.EqualTo("default"));
    }

    [Test]
    public void Empty_axis_is_an_error_with_its_location()
    {
        var e = Assert.Throws<CondaRecipesException>(() =>
            VariantMatrix.Expand([new("MPI4PY_VERSION", [], DeclaredIn: "/r/mpi4py.proj", Line: 9)], NoOverrides));
        Assert.That((e!.Code, e.File, e.Line), Is.EqualTo((MatrixErrorCodes.EmptyAxis, "/r/mpi4py.proj", 9)));
    }

    [Test]
    public void Zip_length_mismatch_and_unknown_partner_are_errors()
    {
        var mismatch = Assert.Throws<CondaRecipesException>(() => VariantMatrix.Expand(
            [new("A", ["1", "2"]), new("B", ["1"], ZipWith: "A")], NoOverrides));
        Assert.That(mismatch!.Code, Is.EqualTo(MatrixErrorCodes.ZipLengthMismatch));

        var unknown = Assert.Throws<CondaRecipesException>(() => VariantMatrix.Expand(
            [new("B", ["1"], ZipWith: "NOPE")], NoOverrides));
        Assert.That(unknown!.Code, Is.EqualTo(MatrixErrorCodes.BadAxisDeclaration));

        var twice = Assert.Throws<CondaRecipesException>(() => VariantMatrix.Expand(
            [new("A", ["1"]), new("A", ["2"])], NoOverrides));
        Assert.That(twice!.Code, Is.EqualTo(MatrixErrorCodes.BadAxisDeclaration));
    }

    [TestCase("MPI4PY_VERSION", "Mpi4pyVersion")]
    [TestCase("PYTORCH_VERSION", "PytorchVersion")]
    [TestCase("nccl-version", "NcclVersion")]
    public void Default_override_property_is_pascal_case(string variable, string property) =>
        Assert.That(MatrixVariable.DefaultOverrideProperty(variable), Is.EqualTo(property));

    [Test]
    public void Ids_keep_values_that_differ_only_in_punctuation_apart_and_ordinary_ids_unchanged()
    {
        static Variant V(params (string, string)[] values) => new(values.Select(v => KeyValuePair.Create(v.Item1, v.Item2)).ToList());
        var values = new[] { "a b", "a-b", "a/b", "a;b", "a_b", "a:b" };
        var ids = values.Select(v => V(("TAG", v)).Id).ToList();
        Assert.That(ids.Distinct().Count(), Is.EqualTo(values.Length), string.Join(" ", ids));
        // The readable form stays; only values it changes carry the hash of the exact values.
        Assert.That(ids[1], Is.EqualTo("tag-a-b"));
        Assert.That(ids[0], Does.Match("^tag-a-b_h[0-9a-f]{10}$"));
        Assert.That(ids, Has.All.Matches("^[A-Za-z0-9._+-]+$"), "file-name safe");
        // Stable: the same values give the same id in another run.
        Assert.That(V(("TAG", "a b")).Id, Is.EqualTo(ids[0]));
        // Today's ids of ordinary values (stamps and logs carry them) do not change.
        Assert.That(V((MatrixVariable.Python, "3.12"), ("PYTORCH_VERSION", "2.4.1+cu12")).Id, Is.EqualTo("py3.12_pytorch_version-2.4.1+cu12"));
        Assert.That(V((MatrixVariable.Python, "3.11"), ("MPI4PY_VERSION", "4.0.3")).Id, Is.EqualTo("py3.11_mpi4py_version-4.0.3"));
    }
}
