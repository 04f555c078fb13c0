namespace CondaRecipes.Tests.CondaBuild;

/// <summary>
/// Stand-ins for conda and conda-build, which cannot be installed on this machine: bash scripts written
/// into a temp bin directory. They record their argv (one line per call, arguments separated by '|')
/// and do the filesystem part of the real thing — create the environment tree with a conda-build
/// installation laid out from the post.py fixtures, or write the package file — so the bootstrapper,
/// runner and cache are exercised as real processes. Tests using them are named <c>..._WithFakeConda</c>.
/// </summary>
internal sealed class FakeConda
{
    public FakeConda(string root)
    {
        Root = root;
        BinDirectory = Path.Combine(root, "bin");
        Directory.CreateDirectory(BinDirectory);
    }

    public string Root { get; }
    public string BinDirectory { get; }
    public string CondaArgvLog => Path.Combine(Root, "conda-argv.log");
    public string CondaBuildArgvLog => Path.Combine(Root, "conda-build-argv.log");
    public string CondaBuildEnvLog => Path.Combine(Root, "conda-build-env.log");

    public IReadOnlyList<string> CondaCalls => File.Exists(CondaArgvLog) ? File.ReadAllLines(CondaArgvLog) : [];
    public IReadOnlyList<string> CondaBuildCalls => File.Exists(CondaBuildArgvLog) ? File.ReadAllLines(CondaBuildArgvLog) : [];

    /// <summary>
    /// Writes <c>bin/&lt;name&gt;</c> (conda, mamba or micromamba). Given <c>... -p DIR -f YAML ...</c> it
    /// creates DIR with conda-meta/, bin/python (a link to the real python3), bin/conda-build (the fake
    /// below) and lib/python3.11/site-packages/conda_build from the fixture family. Exit code and a
    /// failure message come from FAKE_CONDA_FAIL.
    /// </summary>
    public string WriteCondaTool(string name, string fixtureFamily = "cb24x", string? failWith = null)
    {
        var condaBuild = WriteCondaBuild(Path.Combine(Root, "template", "conda-build"));
        var sitePackagesTemplate = Path.Combine(Root, "template", "env");
        TestFiles.InstallFixtureCondaBuild(sitePackagesTemplate, fixtureFamily);
        var fail = failWith is null ? "" : $"""
            echo "Collecting package metadata (repodata.json): done"
            echo "{failWith}" >&2
            exit 1
            """;
        return TestFiles.WriteFakeEnvironmentCreator(Path.Combine(BinDirectory, name), CondaArgvLog, logToolPath: true,
            fail, condaBuild, sitePackagesTemplate);
    }

    /// <summary>
    /// Writes a fake conda-build at <paramref name="path"/>. It records argv and a few variables, and:
    /// with --output prints OUTPUT/noarch/&lt;recipe&gt;-1.0-&lt;MPI4PY_VERSION or 0&gt;.conda; otherwise
    /// writes that file. FAKE_BUILD_FAIL=solver|build makes it fail like conda-build does;
    /// FAKE_BUILD_SLEEP=1 starts a child sleep (pid in FAKE_CHILD_PID_FILE) and waits for it.
    /// </summary>
    public string WriteCondaBuild(string path) => TestFiles.WriteExecutable(path, $$"""
        #!/usr/bin/env bash
        set -euo pipefail
        (IFS='|'; echo "$*") >> '{{CondaBuildArgvLog}}'
        echo "MPI4PY_VERSION=${MPI4PY_VERSION:-} ENV_PYTHON_VERSION=${ENV_PYTHON_VERSION:-} NCAR_BUILD_ENV=${NCAR_BUILD_ENV:-}" >> '{{CondaBuildEnvLog}}'
        output=""; folder=""; recipe=""
        while [ $# -gt 0 ]; do
          case "$1" in
            --output) output=1; shift ;;
            --output-folder) folder="$2"; shift 2 ;;
            --python|--channel|-c|-m) shift 2 ;;
            *) recipe="$1"; shift ;;
          esac
        done
        pkg="$folder/noarch/$(basename "$recipe")-1.0-${MPI4PY_VERSION:-0}.conda"
        if [ -n "$output" ]; then echo "WARNING: fake conda-build renders nothing"; echo "$pkg"; exit 0; fi
        for i in $(seq 1 40); do echo "build line $i"; done
        case "${FAKE_BUILD_FAIL:-}" in
          solver)
            echo "conda_libmamba_solver.exceptions.LibMambaUnsatisfiableError: Encountered problems while solving:" >&2
            echo "  - nothing provides mpi4py =*_derecho" >&2
            exit 1 ;;
          build)
            echo "+ make -j2" ; echo "build.sh: line 3: make: No rule to make target" >&2 ; exit 2 ;;
        esac
        if [ -n "${FAKE_BUILD_SLEEP:-}" ]; then
          sleep 300 &
          echo $! > "$FAKE_CHILD_PID_FILE"
          wait
        fi
        mkdir -p "$folder/noarch"
        echo "fake package" > "$pkg"
        echo "TEST END: $pkg"
        """);
}
