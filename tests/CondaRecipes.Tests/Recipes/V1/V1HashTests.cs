using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Matrix;
using CondaRecipes.Recipes.V1;
using CondaRecipes.Recipes.Variants;

namespace CondaRecipes.Tests.Recipes.V1;

/// <summary>
/// rattler-build's hash and default build string for recipe.yaml outputs. Expected values are rattler-build's
/// own: <c>h${{ hash }}_my_pkg</c> on linux-64 with nothing else used gives <c>hb0f4dca_my_pkg</c>; the variant
/// {target_platform: linux-64, python: 3.11, numpy: 1.20} gives <c>np120py311he588871</c>. rattler-build has no
/// default variant: its <c>compiler('c')</c> falls back to the platform's compiler when called, and that fallback is
/// no variant value, so it does not enter the hash — its rendered curl recipe (osx-arm64, <c>compiler('c')</c>, no
/// variant config) has the variant {target_platform: osx-arm64}, <c>clang_osx-arm64</c> and <c>h60d57d3_0</c>.
/// </summary>
public class V1HashTests
{
    private static RenderedRecipe Render(string yaml, RenderContext context)
    {
        using var dir = new RecipeDirectory(yaml, "recipe.yaml");
        return RecipeRenderer.Render(dir.Path, context);
    }

    [Test]
    public void Hash_expression_is_the_seven_hex_digits_of_the_used_variant()
    {
        var r = Render("""
            package:
              name: my_pkg
              version: "1.0"
            build:
              string: h${{ hash }}_my_pkg
            """, new RenderContext());
        Assert.That(r.BuildString, Is.EqualTo("hb0f4dca_my_pkg"));
        Assert.That(r.HashInput, Is.EqualTo("""{"target_platform": "linux-64"}"""));
    }

    [Test]
    public void Default_build_string_has_the_numpy_and_python_prefix_and_the_hash()
    {
        var r = Render("""
            package:
              name: withnumpy
              version: "1.0"
            requirements:
              host:
                - python
                - numpy
              run:
                - python
            """, new RenderContext { PythonVersion = "3.11", Variables = new Dictionary<string, string> { ["numpy"] = "1.20", ["perl"] = "5.32" } });
        Assert.That(r.BuildString, Is.EqualTo("np120py311he588871_0"));
    }

    [Test]
    public void Default_build_string_without_used_variables_still_has_a_hash()
    {
        var r = Render("""
            package:
              name: plain
              version: "1.0"
            build:
              number: 3
            """, new RenderContext());
        Assert.That(r.BuildString, Is.EqualTo("hb0f4dca_3"));
    }

    [Test]
    public void Noarch_python_gets_py_prefix_and_hashes_noarch_without_python()
    {
        var r = Render("""
            package:
              name: purepy
              version: "1.0"
            build:
              noarch: python
            requirements:
              host:
                - python
              run:
                - python
            """, new RenderContext { PythonVersion = "3.12" });
        Assert.That(r.HashInput, Is.EqualTo("""{"target_platform": "noarch"}"""));
        Assert.That(r.BuildString, Does.Match("^pyh[0-9a-f]{7}_0$"));
    }

    /// <summary>The first variant as a build expands it: the defaults for the recipe's format, then its own variant
    /// files (variants.yaml), rendered for <paramref name="platform"/>.</summary>
    private static RenderedRecipe RenderFirstVariant(RecipeDirectory dir, RenderContext platform)
    {
        var specs = new List<VariantConfigSpec> { VariantDefaults.For(platform.Subdir, RecipeFormat.KindOf(dir.Path)) };
        specs.AddRange(RecipeFormat.OwnVariantFiles(dir.Path).Select(f => VariantConfigReader.Read(f, platform)));
        var variant = ConfiguredMatrix.Expand(VariantConfigMerger.Combine(specs), [], new Dictionary<string, string>()).Variants[0];
        return RecipeRenderer.Render(dir.Path, platform with { Variables = variant.Variables.ToDictionary(), PythonVersion = variant.PythonVersion });
    }

    private const string CompiledLibrary = """
        package:
          name: compiled
          version: "1.0"
        requirements:
          build:
            - ${{ compiler('c') }}
            - ${{ compiler('cxx') }}
        """;

    [Test]
    public void A_default_compiler_is_not_hashed_when_no_variant_file_sets_it()
    {
        using var dir = new RecipeDirectory(CompiledLibrary, "recipe.yaml");
        var r = RenderFirstVariant(dir, new RenderContext());
        Assert.That(r.Recipe.Requirements.Build.Select(q => q.Spec), Is.EqualTo(new[] { "gcc_linux-64", "gxx_linux-64" }));
        Assert.That(r.HashInput, Is.EqualTo("""{"target_platform": "linux-64"}"""));
        Assert.That(r.BuildString, Is.EqualTo("hb0f4dca_0"), "the same hash as a recipe that uses nothing");
    }

    [Test]
    public void A_default_compiler_on_osx_arm64_gives_rattler_builds_curl_hash()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: curl
              version: 8.0.1
            requirements:
              build:
                - ${{ compiler('c') }}
                - make
            """, "recipe.yaml");
        var r = RenderFirstVariant(dir, new RenderContext { Platform = "osx", Architecture = "arm64" });
        Assert.That(r.Recipe.Requirements.Build.Select(q => q.Spec), Is.EqualTo(new[] { "clang_osx-arm64", "make" }));
        Assert.That(r.HashInput, Is.EqualTo("""{"target_platform": "osx-arm64"}"""));
        Assert.That(r.BuildString, Is.EqualTo("h60d57d3_0"));
    }

    [Test]
    public void A_compiler_set_in_variants_yaml_is_hashed_with_its_version()
    {
        using var dir = new RecipeDirectory(CompiledLibrary, "recipe.yaml");
        dir.Write("variants.yaml", """
            c_compiler:
              - gcc
            c_compiler_version:
              - "13"
            """);
        var r = RenderFirstVariant(dir, new RenderContext());
        Assert.That(r.Recipe.Requirements.Build.Select(q => q.Spec).First(), Does.StartWith("gcc_linux-64 "));
        Assert.That(r.HashInput, Is.EqualTo("""{"c_compiler": "gcc", "c_compiler_version": "13", "target_platform": "linux-64"}"""));
        Assert.That(r.BuildString, Is.EqualTo("hd9b5cea_0"));
    }

    [Test]
    public void The_sysroot_is_hashed_when_compiler_is_called_even_with_the_default_compiler()
    {
        using var dir = new RecipeDirectory(CompiledLibrary, "recipe.yaml");
        dir.Write("variants.yaml", """
            CONDA_BUILD_SYSROOT:
              - /opt/sysroot
            """);
        var r = RenderFirstVariant(dir, new RenderContext());
        Assert.That(r.HashInput, Is.EqualTo("""{"CONDA_BUILD_SYSROOT": "/opt/sysroot", "target_platform": "linux-64"}"""));
        Assert.That(r.BuildString, Is.EqualTo("h7421519_0"));
    }

    [Test]
    public void Stdlib_with_c_stdlib_in_variants_yaml_hashes_the_stdlib_and_its_version()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: compiled
              version: "1.0"
            requirements:
              build:
                - ${{ stdlib('c') }}
            """, "recipe.yaml");
        dir.Write("variants.yaml", """
            c_stdlib:
              - sysroot
            c_stdlib_version:
              - "2.17"
            """);
        var r = RenderFirstVariant(dir, new RenderContext());
        Assert.That(r.HashInput, Is.EqualTo("""{"c_stdlib": "sysroot", "c_stdlib_version": "2.17", "target_platform": "linux-64"}"""));
        Assert.That(r.BuildString, Is.EqualTo("h41f06ac_0"));
    }

    [Test]
    public void A_full_conda_forge_variant_hashes_as_rattler_build_hashes_it()
    {
        // rattler-build's own figure for this variant: py311h507f6e9.
        var variant = new Dictionary<string, string>
        {
            ["rust_compiler"] = "rust", ["build_platform"] = "osx-64", ["c_compiler"] = "clang", ["target_platform"] = "osx-arm64",
            ["openssl"] = "3", ["channel_targets"] = "conda-forge main", ["python"] = "3.11.* *_cpython", ["c_compiler_version"] = "14",
            ["CONDA_BUILD_SYSROOT"] = "/Applications/Xcode_13.2.1.app/Contents/Developer/Platforms/MacOSX.platform/Developer/SDKs/MacOSX11.0.sdk",
        };
        var sorted = new SortedDictionary<string, string>(variant, StringComparer.Ordinal);
        Assert.That(V1HashInfo.Prefix(sorted, null) + "h" + V1HashInfo.Hash(sorted), Is.EqualTo("py311h507f6e9"));
    }

    [Test]
    public void An_exact_pin_of_a_sibling_enters_the_hash_with_its_version_and_build_string()
    {
        // rattler-build adds each exact pin_subpackage of another output to the hashed variant under the
        // normalized name ("demo-core" -> demo_core) with the value "<version> <build string>"; a pin of the
        // output itself (its run_exports) is left out. Chained pins hash the pinned output's final string.
        var r = Render("""
            recipe: {name: demo, version: "1.0"}
            outputs:
              - package: {name: demo-tools}
                build: {noarch: generic}
                requirements:
                  run:
                    - ${{ pin_subpackage('demo-extras', exact=True) }}
              - package: {name: demo-extras}
                build: {noarch: generic}
                requirements:
                  run:
                    - ${{ pin_subpackage('demo-core', exact=True) }}
              - package: {name: demo-core}
                build: {noarch: generic}
                requirements:
                  run_exports:
                    - ${{ pin_subpackage('demo-core', exact=True) }}
            """, new RenderContext());
        var byName = r.Outputs.ToDictionary(o => o.Name);
        Assert.That(byName["demo-core"].BuildString, Is.EqualTo("h4616a5c_0"));
        Assert.That(byName["demo-extras"].HashInput, Is.EqualTo("""{"demo_core": "1.0 h4616a5c_0", "target_platform": "noarch"}"""));
        Assert.That(byName["demo-extras"].BuildString, Is.EqualTo("hcdf297a_0"));
        Assert.That(byName["demo-tools"].Recipe.Requirements.Run.Single().Spec, Is.EqualTo("demo-extras 1.0 hcdf297a_0"));
        Assert.That(byName["demo-tools"].BuildString, Is.EqualTo("h6f690e2_0"));
    }

    [Test]
    public void A_context_value_that_shadows_a_variant_key_is_used_only_when_it_reads_the_variant_first()
    {
        // rattler-build counts the variant values its expressions read: once context: defines a name, later
        // expressions read the context value, so a literal that shadows a variant key leaves the key unused
        // unless some context expression reads the name (the variant's value is what is hashed).
        var variant = new Dictionary<string, string>
        {
            ["flavor"] = "from-variant", ["mpi"] = "openmpi", ["blas"] = "mkl", ["cuda"] = "12",
        };
        var r = Render("""
            context:
              flavor: plain
              mpi_tag: ${{ mpi ~ "-tag" }}
              mpi: nompi
              blas: ${{ blas }}
              cuda: none
              cuda_tag: ${{ cuda }}
            package:
              name: shadow-${{ flavor }}-${{ mpi }}-${{ blas }}-${{ cuda_tag }}
              version: "1.0"
            """, new RenderContext { Variables = variant });
        Assert.That(r.Recipe.Package.Name, Is.EqualTo("shadow-plain-nompi-mkl-none"));
        Assert.That(r.UsedVariables.Keys, Is.EqualTo(new[] { "blas", "cuda", "mpi", "target_platform" }));
        Assert.That(r.HashInput, Is.EqualTo("""{"blas": "mkl", "cuda": "12", "mpi": "openmpi", "target_platform": "linux-64"}"""));
    }

    [Test]
    public void An_output_uses_the_variant_keys_its_own_expressions_name_not_its_siblings()
    {
        // rattler-build evaluates each output on its own: context: and the top-level sections count for all,
        // an output's expressions for that output only, a staging output's for the outputs that inherit it.
        var variant = new Dictionary<string, string> { ["mpi"] = "openmpi", ["blas"] = "mkl", ["cuda"] = "12", ["abi"] = "2" };
        var r = Render("""
            context:
              abi_tag: abi${{ abi }}
            recipe: {name: split, version: "1.0"}
            outputs:
              - staging: {name: compiled}
                build:
                  script: echo ${{ cuda }}
              - package: {name: split-mpi}
                build:
                  string: ${{ mpi }}_h${{ hash }}
              - package: {name: split-blas}
                requirements:
                  run:
                    - libblas * *${{ blas }}
              - package: {name: split-cuda}
                inherit: compiled
            """, new RenderContext { Variables = variant });
        var byName = r.Outputs.ToDictionary(o => o.Name, o => string.Join(",", o.UsedVariables.Keys));
        Assert.That(byName["split-mpi"], Is.EqualTo("abi,mpi,target_platform"));
        Assert.That(byName["split-blas"], Is.EqualTo("abi,blas,target_platform"));
        Assert.That(byName["split-cuda"], Is.EqualTo("abi,cuda,target_platform"));
        Assert.That(r.UsedVariables.Keys, Is.EqualTo(new[] { "abi", "blas", "cuda", "mpi", "target_platform" }),
            "the variant's matrix still follows every key the recipe uses");
    }

    [Test]
    public void Build_string_reads_build_number_as_the_packages_own_number()
    {
        // rattler-build renders build.string with build_number bound to the package's build number, over any
        // context value of that name; elsewhere build_number is only what context: or the variant defines.
        var r = Render("""
            context:
              build_number: 9
            recipe: {name: numbered, version: "1.0"}
            build:
              string: custom_h${{ hash }}_${{ build_number }}
            outputs:
              - package: {name: numbered-a}
                build:
                  number: 3
              - package: {name: numbered-b}
                build:
                  number: 5
                  string: b${{ build_number }}
                about:
                  summary: number ${{ build_number }}
            """, new RenderContext());
        Assert.That(r.Outputs.Select(o => o.BuildString), Is.EqualTo(new[] { "custom_hb0f4dca_3", "b5" }));
        Assert.That(r.Outputs[1].Recipe.About.Summary, Is.EqualTo("number 9"));
    }

    [Test]
    public void Only_a_meta_yaml_gets_conda_builds_default_compilers()
    {
        Assert.That(VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml).Lists["c_compiler"], Is.EqualTo(new[] { "gcc" }));
        var v1 = VariantDefaults.For("linux-64", RecipeFormatKind.RecipeYaml);
        Assert.That(v1.Lists.Keys, Has.None.EndsWith("_compiler"));
        Assert.That(v1.Lists["target_platform"], Is.EqualTo(new[] { "linux-64" }));
    }
}
