namespace CondaRecipes.Tests.Site;

/// <summary>
/// A folder of existing conda-build recipes as a site has them (one folder per package, each with meta.yaml,
/// build.sh and sometimes a conda_build_config.yaml): zlib-lite, a library; hdf-lite, built against it;
/// pyhdf, a Python binding of hdf-lite whose variant file sets the Pythons; cli-tool, a Python tool that
/// leaves python to the wrapper.
/// </summary>
public static class RecipeFolders
{
    public static void Write(string root)
    {
        Put(root, "zlib-lite/meta.yaml", """
            package:
              name: zlib-lite
              version: "1.3"
            build:
              number: 0
            """);
        Put(root, "zlib-lite/build.sh", "mkdir -p \"$PREFIX/lib\" && echo zlib > \"$PREFIX/lib/zlib-lite.txt\"\n");
        Put(root, "hdf-lite/meta.yaml", """
            {% set version = "2.0" %}
            package:
              name: hdf-lite
              version: {{ version }}
            requirements:
              host:
                - zlib-lite
              run:
                - zlib-lite >=1.3
            """);
        Put(root, "hdf-lite/build.sh", "mkdir -p \"$PREFIX/lib\" && echo hdf > \"$PREFIX/lib/hdf-lite.txt\"\n");
        Put(root, "pyhdf/meta.yaml", """
            package:
              name: pyhdf
              version: "0.5"
            requirements:
              host:
                - python
                - hdf-lite
              run:
                - python
                - hdf-lite
            """);
        Put(root, "pyhdf/conda_build_config.yaml", """
            python:
              - 3.11
              - 3.12
            """);
        Put(root, "pyhdf/build.sh", "mkdir -p \"$SP_DIR\" && echo 'x = 1' > \"$SP_DIR/pyhdf.py\"\n");
        Put(root, "cli-tool/meta.yaml", """
            package:
              name: cli-tool
              version: "3.1"
            requirements:
              host:
                - python
              run:
                - python
                - pyhdf
            """);
        Put(root, "cli-tool/build.sh", "mkdir -p \"$PREFIX/bin\"\n");
    }

    /// <summary>
    /// A v1 recipe beside them: hdf-py (recipe.yaml), a Python binding of the meta.yaml recipe hdf-lite, whose
    /// variants.yaml sets the Pythons.
    /// </summary>
    public static void WriteV1(string root)
    {
        Put(root, "hdf-py/recipe.yaml", """
            context:
              version: "0.7"
            package:
              name: hdf-py
              version: ${{ version }}
            build:
              number: 0
            requirements:
              host:
                - python
                - hdf-lite
              run:
                - python
                - ${{ "hdf-lite" if linux }}
            """);
        Put(root, "hdf-py/variants.yaml", """
            python:
              - "3.11"
              - "3.12"
            """);
        Put(root, "hdf-py/build.sh", "mkdir -p \"$SP_DIR\" && echo 'y = 2' > \"$SP_DIR/hdf_py.py\"\n");
    }

    public static void Put(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
    }

    /// <summary>Every file below the folder with its sha256, to show nothing was changed.</summary>
    public static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), Pipeline.ChannelInspection.Sha256);
}
