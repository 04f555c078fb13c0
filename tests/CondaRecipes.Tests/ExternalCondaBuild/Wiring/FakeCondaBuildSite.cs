namespace CondaRecipes.Tests.CondaBuild.Wiring;

/// <summary>
/// A conda and a conda-build for recipe projects built with <c>-p:CondaBuildEngine=conda-build</c>; neither
/// can be installed on this machine, so both are bash scripts in a bin directory put first on the build's
/// PATH. The conda creates the environment tree (conda-meta/, bin/python, bin/conda-build, and a
/// conda_build package laid out from the post.py fixtures, which the SDK then really patches). The
/// conda-build records each call and writes a real <c>.conda</c> archive (zip + tar --zstd, with
/// info/index.json) that the SDK's indexer reads, so only the build step itself is pretended.
/// </summary>
internal sealed class FakeCondaBuildSite
{
    public FakeCondaBuildSite(string root)
    {
        Root = root;
        BinDirectory = Path.Combine(root, "bin");
        var condaBuild = WriteCondaBuild(Path.Combine(root, "template", "conda-build"));
        var template = Path.Combine(root, "template", "env");
        TestFiles.InstallFixtureCondaBuild(template, "cb24x");
        TestFiles.WriteFakeEnvironmentCreator(Path.Combine(BinDirectory, "conda"), CondaArgvLog, logToolPath: false,
            failLines: "", condaBuild, template);
    }

    public string Root { get; }
    public string BinDirectory { get; }
    public string CondaArgvLog => Path.Combine(Root, "conda-argv.log");
    public string CondaBuildArgvLog => Path.Combine(Root, "conda-build-argv.log");
    public string CondaBuildEnvLog => Path.Combine(Root, "conda-build-env.log");

    /// <summary>One line per conda call: argv joined by '|'.</summary>
    public IReadOnlyList<string> CondaCalls => File.Exists(CondaArgvLog) ? File.ReadAllLines(CondaArgvLog) : [];

    /// <summary>One line per conda-build call: argv joined by '|'.</summary>
    public IReadOnlyList<string> CondaBuildCalls => File.Exists(CondaBuildArgvLog) ? File.ReadAllLines(CondaBuildArgvLog) : [];

    /// <summary>The build's environment with this bin directory first on PATH.</summary>
    public Dictionary<string, string?> Environment(params (string Name, string Value)[] extra)
    {
        var env = new Dictionary<string, string?>
        {
            ["PATH"] = BinDirectory + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"),
        };
        foreach (var (name, value) in extra) env[name] = value;
        return env;
    }

    /// <summary>
    /// conda-build: <c>--output</c> prints OUTPUT/linux-64/&lt;recipe&gt;-&lt;DEMO_VERSION or 1.0&gt;-py&lt;XY&gt;_0.conda;
    /// a build prints 40 lines and writes that archive. FAKE_BUILD_FAIL=build fails like a build script does.
    /// </summary>
    private string WriteCondaBuild(string path) => TestFiles.WriteExecutable(path, $$"""
        #!/usr/bin/env bash
        set -euo pipefail
        (IFS='|'; echo "$*") >> '{{CondaBuildArgvLog}}'
        echo "DEMO_VERSION=${DEMO_VERSION:-} ENV_PYTHON_VERSION=${ENV_PYTHON_VERSION:-} SITE_LABEL=${SITE_LABEL:-}" >> '{{CondaBuildEnvLog}}'
        output=""; folder=""; recipe=""; python=""
        while [ $# -gt 0 ]; do
          case "$1" in
            --output) output=1; shift ;;
            --output-folder) folder="$2"; shift 2 ;;
            --python) python="$2"; shift 2 ;;
            --channel|-c|-m) shift 2 ;;
            *) recipe="$1"; shift ;;
          esac
        done
        name="$(basename "$recipe")"; version="${DEMO_VERSION:-1.0}"; build="py${python//./}_0"
        dist="$name-$version-$build"; pkg="$folder/linux-64/$dist.conda"
        if [ -n "$output" ]; then echo "WARNING: rendering with a fake conda-build"; echo "$pkg"; exit 0; fi
        for i in $(seq 1 40); do echo "build line $i"; done
        if [ "${FAKE_BUILD_FAIL:-}" = build ]; then
          echo "+ make -j2"; echo "build.sh: line 3: make: No rule to make target 'all'"; exit 2
        fi
        work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
        mkdir -p "$work/info" "$work/pkg/share/$name"
        echo "$python" > "$work/pkg/share/$name/python.txt"
        printf '{"name": "%s", "version": "%s", "build": "%s", "build_number": 0, "depends": ["python %s.*"], "subdir": "linux-64", "license": "BSD-3-Clause", "timestamp": 1700000000000}\n' \
          "$name" "$version" "$build" "$python" > "$work/info/index.json"
        echo "share/$name/python.txt" > "$work/info/files"
        echo '{"conda_pkg_format_version": 2}' > "$work/metadata.json"
        tar --zstd -cf "$work/pkg-$dist.tar.zst" -C "$work/pkg" share
        tar --zstd -cf "$work/info-$dist.tar.zst" -C "$work" info
        (cd "$work" && zip -q -0 -X "$dist.conda" metadata.json "pkg-$dist.tar.zst" "info-$dist.tar.zst")
        mkdir -p "$folder/linux-64"
        mv "$work/$dist.conda" "$pkg"
        echo "TEST END: $pkg"
        """);
}
