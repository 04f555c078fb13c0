using CondaRecipes.Channels;
using CondaRecipes.Channels.Specs;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.Channels;

/// <summary>
/// Cases from conda's documentation ("Package match specifications", the conda install/search spec table)
/// and the examples in conda's version.py and match_spec.py docstrings, plus the Derecho specs.
/// </summary>
public class MatchSpecTests
{
    private static PackageRecord R(string name, string version, string build = "0", long buildNumber = 0,
        string? channel = null, string? subdir = null) =>
        new() { Name = name, Version = version, Build = build, BuildNumber = buildNumber, Channel = channel, Subdir = subdir };

    // spec, record name, version, build, build number, expected match
    [TestCase("numpy", "numpy", "1.11.0", "py_0", 0, true)]
    [TestCase("numpy", "scipy", "1.11.0", "py_0", 0, false)]
    [TestCase("numpy 1.11.*", "numpy", "1.11.0", "0", 0, true)]
    [TestCase("numpy 1.11.*", "numpy", "1.11.18", "0", 0, true)]
    [TestCase("numpy 1.11.*", "numpy", "1.12.0", "0", 0, false)]
    [TestCase("numpy 1.11.*", "numpy", "1.1.0", "0", 0, false)]
    [TestCase("numpy=1.11", "numpy", "1.11.0", "0", 0, true)]
    [TestCase("numpy=1.11", "numpy", "1.11.18", "0", 0, true)]
    [TestCase("numpy=1.11", "numpy", "1.110", "0", 0, false)]
    [TestCase("numpy=1.11", "numpy", "1.12", "0", 0, false)]
    [TestCase("numpy==1.11", "numpy", "1.11.0", "0", 0, true)]
    [TestCase("numpy==1.11", "numpy", "1.11", "0", 0, true)]
    [TestCase("numpy==1.11", "numpy", "1.11.1", "0", 0, false)]
    [TestCase("numpy 1.11", "numpy", "1.11.0", "0", 0, true)]
    [TestCase("numpy 1.11", "numpy", "1.11.1", "0", 0, false)]
    [TestCase("numpy>=1.11", "numpy", "1.11.0", "0", 0, true)]
    [TestCase("numpy>=1.11", "numpy", "2.0", "0", 0, true)]
    [TestCase("numpy>=1.11", "numpy", "1.10.9", "0", 0, false)]
    [TestCase("numpy >=1.24,<2", "numpy", "1.24.0", "0", 0, true)]
    [TestCase("numpy >=1.24,<2", "numpy", "1.26.4", "0", 0, true)]
    [TestCase("numpy >=1.24,<2", "numpy", "2.0.0", "0", 0, false)]
    [TestCase("numpy >=1.24,<2", "numpy", "2.0.0rc1", "0", 0, true)] // pre-releases sort below the release
    [TestCase("numpy >=1.24,<2", "numpy", "1.23.5", "0", 0, false)]
    [TestCase("numpy >=1.24|<1.0", "numpy", "0.9", "0", 0, true)]
    [TestCase("numpy >=1.24|<1.0", "numpy", "1.5", "0", 0, false)]
    [TestCase("numpy >=1.24|<1.0", "numpy", "1.24", "0", 0, true)]
    [TestCase("numpy=1.11.1|1.11.3", "numpy", "1.11.1", "0", 0, true)]
    [TestCase("numpy=1.11.1|1.11.3", "numpy", "1.11.3", "0", 0, true)]
    [TestCase("numpy=1.11.1|1.11.3", "numpy", "1.11.2", "0", 0, false)]
    [TestCase("numpy>=1.8,<2", "numpy", "1.8", "0", 0, true)]
    [TestCase("numpy>=1.8,<2", "numpy", "1.9", "0", 0, true)]
    [TestCase("numpy>=1.8,<2", "numpy", "2.0", "0", 0, false)]
    [TestCase("jaxlib ==0.4.38=derecho*", "jaxlib", "0.4.38", "derecho_py311_1000", 1000, true)]
    [TestCase("jaxlib ==0.4.38=derecho*", "jaxlib", "0.4.38", "py311h1234_0", 0, false)]
    [TestCase("jaxlib ==0.4.38=derecho*", "jaxlib", "0.4.38.1", "derecho_py311_1000", 1000, false)]
    [TestCase("jaxlib ==0.4.38=derecho*", "jaxlib", "0.4.380", "derecho_py311_1000", 1000, false)]
    [TestCase("nccl =*=derecho*", "nccl", "2.21.5.1", "derecho_1000", 1000, true)]
    [TestCase("nccl =*=derecho*", "nccl", "2.21.5.1", "h6103f9b_0", 0, false)]
    [TestCase("python 3*=external_*", "python", "3.11.7", "external_pyenv", 0, true)]
    [TestCase("python 3*=external_*", "python", "3.11.7", "h955ad1f_0_cpython", 0, false)]
    [TestCase("python 3*=external_*", "python", "2.7.18", "external_host", 0, false)]
    [TestCase("python 3*=external_*", "python", "30.1", "external_host", 0, false)]
    [TestCase("numpy !=1.3", "numpy", "1.3", "0", 0, false)]
    [TestCase("numpy !=1.3", "numpy", "1.3.0", "0", 0, false)]
    [TestCase("numpy !=1.3", "numpy", "1.3.1", "0", 0, true)]
    [TestCase("numpy ~=1.2.3", "numpy", "1.2.3", "0", 0, true)]
    [TestCase("numpy ~=1.2.3", "numpy", "1.2.9", "0", 0, true)]
    [TestCase("numpy ~=1.2.3", "numpy", "1.3.0", "0", 0, false)]
    [TestCase("numpy ~=1.2.3", "numpy", "1.2.2", "0", 0, false)]
    [TestCase("numpy[build_number=1000]", "numpy", "1.0", "x_1000", 1000, true)]
    [TestCase("numpy[build_number=1000]", "numpy", "1.0", "x_0", 0, false)]
    [TestCase("numpy[build_number='>=1000']", "numpy", "1.0", "x_1001", 1001, true)]
    [TestCase("numpy[build_number='>=1000']", "numpy", "1.0", "x_999", 999, false)]
    [TestCase("numpy[version='>=1', build='py*']", "numpy", "1.0", "py39_0", 0, true)]
    [TestCase("numpy[version='>=1', build='py*']", "numpy", "0.9", "py39_0", 0, false)]
    [TestCase("numpy[version='>=1', build='py*']", "numpy", "1.0", "h123_0", 0, false)]
    [TestCase("numpy=1.2=py39_0", "numpy", "1.2", "py39_0", 0, true)]
    [TestCase("numpy=1.2=py39_0", "numpy", "1.2.1", "py39_0", 0, false)] // with a build, '=1.2' is the exact 1.2
    [TestCase("numpy=1.2=py39_0", "numpy", "1.2", "py39_1", 1, false)]
    [TestCase("numpy 1.2 py*", "numpy", "1.2", "py39_0", 0, true)]
    [TestCase("numpy 1.2 py*", "numpy", "1.2", "h1_0", 0, false)]
    [TestCase("numpy 1.8*", "numpy", "1.8.1", "0", 0, true)]
    [TestCase("numpy 1.8*", "numpy", "1.80", "0", 0, false)]
    [TestCase("numpy 1.8.1 *_0", "numpy", "1.8.1", "py27_0", 0, true)]
    [TestCase("numpy 1.8.1 *_0", "numpy", "1.8.1", "py27_1", 1, false)]
    [TestCase("numpy >1.8,<2|==1.7", "numpy", "1.7", "0", 0, true)]
    [TestCase("numpy >1.8,<2|==1.7", "numpy", "1.7.1", "0", 0, false)]
    [TestCase("numpy >1.8,<2|==1.7", "numpy", "1.9", "0", 0, true)]
    [TestCase("numpy >1.8,<2|==1.7", "numpy", "1.8", "0", 0, false)]
    [TestCase("numpy 1.*.3", "numpy", "1.5.3", "0", 0, true)]
    [TestCase("numpy 1.*.3", "numpy", "1.5.4", "0", 0, false)]
    [TestCase("numpy >=1.0 , < 2.0 py34_0", "numpy", "1.5", "py34_0", 0, true)]
    [TestCase("numpy >=1.0 , < 2.0 py34_0", "numpy", "1.5", "py35_0", 0, false)]
    [TestCase("numpy (>=1.24,<1.26)|>=2", "numpy", "1.25", "0", 0, true)]
    [TestCase("numpy (>=1.24,<1.26)|>=2", "numpy", "1.26", "0", 0, false)]
    [TestCase("numpy (>=1.24,<1.26)|>=2", "numpy", "2.1", "0", 0, true)]
    [TestCase("numpy=1.2.*", "numpy", "1.2.5", "0", 0, true)]
    [TestCase("numpy >=1.2.*", "numpy", "1.2", "0", 0, true)]
    [TestCase("numpy >=1.2.*", "numpy", "1.1.9", "0", 0, false)]
    [TestCase("numpy !=1.2.*", "numpy", "1.2.5", "0", 0, false)]
    [TestCase("numpy !=1.2.*", "numpy", "1.3", "0", 0, true)]
    [TestCase("numpy 2.0.0rc1", "numpy", "2.0.0rc1", "0", 0, true)]
    [TestCase("numpy 2.0.0rc1", "numpy", "2.0.0", "0", 0, false)]
    [TestCase("numpy <1.0", "numpy", "1.0dev", "0", 0, true)]
    [TestCase("numpy=1.11.*=py*", "numpy", "1.11.2", "py39_0", 0, true)]
    [TestCase("numpy >=2!1.0", "numpy", "1.5", "0", 0, false)]
    [TestCase("numpy >=2!1.0", "numpy", "2!1.5", "0", 0, true)]
    [TestCase("openssl >=1.0.1_", "openssl", "1.0.1a", "0", 0, true)]
    [TestCase("openssl 1.0.1_", "openssl", "1.0.1a", "0", 0, false)]
    [TestCase("numpy * py39*", "numpy", "1.0", "py39_0", 0, true)]
    [TestCase("numpy 1.2.3 0", "numpy", "1.2.3", "0", 0, true)]
    [TestCase("pytorch 2.7.* *derecho*", "pytorch", "2.7.0", "cuda12_derecho_1000", 1000, true)]
    [TestCase("NumPy", "numpy", "1.0", "0", 0, true)] // conda keeps names in lower case
    [TestCase("NumPy >=1.24", "numpy", "1.26", "0", 0, true)]
    [TestCase("numpy 1.0.0.*", "numpy", "1.0", "0", 0, true)] // missing components are zeros
    [TestCase("numpy =1.0.0", "numpy", "1.0", "0", 0, true)]
    [TestCase("numpy 1.0.0.*", "numpy", "1.0.1", "0", 0, false)]
    [TestCase("numpy ^1\\.2\\.0$", "numpy", "1.2.0", "0", 0, true)]
    [TestCase("numpy ^1\\.2\\.0$", "numpy", "1.2", "0", 0, false)] // a regex reads the version as written
    [TestCase("numpy ^1\\.2-rc1$", "numpy", "1.2-rc1", "0", 0, true)] // not its normalised '1.2_rc1'
    [TestCase("numpy 1.*-RC*", "numpy", "1.2-RC1", "0", 0, true)] // nor its lower-cased form
    [TestCase("numpy 1.*-rc*", "numpy", "1.2-RC1", "0", 0, false)]
    public void MatchesLikeConda(string spec, string name, string version, string build, long buildNumber, bool expected)
    {
        var ms = MatchSpec.Parse(spec);
        Assert.That(ms.Matches(R(name, version, build, buildNumber)), Is.EqualTo(expected), ms.ToString());
        // The canonical form must select exactly the same records.
        Assert.That(MatchSpec.Parse(ms.ToString()).Matches(R(name, version, build, buildNumber)), Is.EqualTo(expected),
            $"canonical {ms}");
    }

    [TestCase("conda-forge::numpy", "https://conda.anaconda.org/conda-forge", true)]
    [TestCase("conda-forge::numpy", "file:///work/output", false)]
    [TestCase("file:///work/output::numpy", "file:///work/output", true)]
    [TestCase("numpy[channel=output]", "file:///work/output", true)]
    [TestCase("output::numpy", "host", false)]
    [TestCase("*::numpy", "file:///work/output", true)]
    [TestCase("*::numpy", "host", true)]
    [TestCase("*/linux-64::numpy", "https://conda.anaconda.org/conda-forge", true)]
    [TestCase("*/noarch::numpy", "https://conda.anaconda.org/conda-forge", false)]
    [TestCase("https://conda.anaconda.org/conda-forge::numpy", "https://conda.anaconda.org/conda-forge", true)]
    [TestCase("https://conda.anaconda.org/conda-forge::numpy", "https://conda.anaconda.org/conda-forge/", true)]
    [TestCase("https://conda.anaconda.org/conda-forge::numpy", "conda-forge", true)]
    [TestCase("https://conda.anaconda.org/conda-forge/linux-64::numpy", "https://conda.anaconda.org/conda-forge", true)]
    [TestCase("https://conda.anaconda.org/conda-forge::numpy", "https://conda.anaconda.org/bioconda", false)]
    [TestCase("https://conda.anaconda.org/conda-forge::numpy", "file:///srv/mirror/conda-forge", true)] // as the name does
    [TestCase("https://example.org/conda-forge::numpy", "https://conda.anaconda.org/conda-forge", false)]
    public void MatchesChannels(string spec, string channel, bool expected)
    {
        Assert.That(MatchSpec.Parse(spec).Matches(R("numpy", "1.0", channel: channel, subdir: "linux-64")), Is.EqualTo(expected));
    }

    [Test]
    public void MatchesSubdirGivenWithTheChannel()
    {
        var ms = MatchSpec.Parse("conda-forge/linux-64::numpy");
        Assert.That(ms.Channel, Is.EqualTo("conda-forge"));
        Assert.That(ms.Subdir, Is.EqualTo("linux-64"));
        Assert.That(ms.Matches(R("numpy", "1", channel: "https://x/conda-forge", subdir: "linux-64")), Is.True);
        Assert.That(ms.Matches(R("numpy", "1", channel: "https://x/conda-forge", subdir: "noarch")), Is.False);
    }

    [TestCase("numpy", "numpy")]
    [TestCase("numpy 1.11.*", "numpy=1.11")]
    [TestCase("numpy=1.11", "numpy=1.11")]
    [TestCase("numpy==1.11", "numpy==1.11")]
    [TestCase("numpy 1.11", "numpy==1.11")]
    [TestCase("numpy >=1.24,<2", "numpy[version='>=1.24,<2']")]
    [TestCase("numpy >=1.24|<1.0", "numpy[version='>=1.24|<1.0']")]
    [TestCase("jaxlib ==0.4.38=derecho*", "jaxlib==0.4.38[build=derecho*]")]
    [TestCase("nccl =*=derecho*", "nccl[build=derecho*]")]
    [TestCase("numpy=1.2=py39_0", "numpy==1.2=py39_0")]
    [TestCase("numpy 1.2 py39_0", "numpy==1.2=py39_0")]
    [TestCase("numpy !=1.3", "numpy!=1.3")]
    [TestCase("numpy ~=1.2.3", "numpy~=1.2.3")]
    [TestCase("conda-forge::numpy", "conda-forge::numpy")]
    [TestCase("conda-forge/linux-64::numpy >=1", "conda-forge/linux-64::numpy[version='>=1']")]
    [TestCase("numpy[build_number='>=1000']", "numpy[build_number='>=1000']")]
    [TestCase("numpy[build_number=1000]", "numpy[build_number=1000]")]
    [TestCase("numpy[version='>=1', build='py*']", "numpy[version='>=1',build=py*]")]
    [TestCase("python 3*=external_*", "python=3[build=external_*]")]
    [TestCase("numpy *", "numpy")]
    [TestCase("numpy  # a comment", "numpy")]
    public void HasConda_sCanonicalForm_ThatParsesBackToItself(string spec, string canonical)
    {
        var ms = MatchSpec.Parse(spec);
        Assert.That(ms.ToString(), Is.EqualTo(canonical));
        var again = MatchSpec.Parse(ms.ToString());
        Assert.That(again.ToString(), Is.EqualTo(canonical));
        Assert.That(again, Is.EqualTo(ms));
    }

    [Test]
    public void ExposesItsParts()
    {
        var ms = MatchSpec.Parse("jaxlib ==0.4.38=derecho*");
        Assert.That(ms.Name, Is.EqualTo("jaxlib"));
        Assert.That(ms.Version!.Text, Is.EqualTo("==0.4.38"));
        Assert.That(ms.Build!.Text, Is.EqualTo("derecho*"));
        Assert.That(ms.Build.IsExact, Is.False);
        var any = MatchSpec.Parse("mpi4py =*=derecho*");
        Assert.That(any.Version, Is.Null);
        Assert.That(any.Build!.Text, Is.EqualTo("derecho*"));
        var fuzzy = MatchSpec.Parse("numpy =1.2");
        Assert.That(fuzzy.Version!.Text, Is.EqualTo("1.2.*"));
    }

    [TestCase("", ChannelErrorCodes.InvalidMatchSpec)]
    [TestCase("numpy==", ChannelErrorCodes.InvalidMatchSpec)]
    [TestCase("numpy >=", ChannelErrorCodes.InvalidMatchSpec)]
    [TestCase(">=1.0", ChannelErrorCodes.InvalidMatchSpec)]
    [TestCase("numpy[version=]", ChannelErrorCodes.InvalidMatchSpec)]
    [TestCase("numpy[colour=red]", ChannelErrorCodes.InvalidMatchSpec)]
    [TestCase("numpy[version='>=1'", ChannelErrorCodes.InvalidMatchSpec)]
    [TestCase("num$py", ChannelErrorCodes.InvalidMatchSpec)]
    [TestCase("::numpy", ChannelErrorCodes.InvalidMatchSpec)]
    [TestCase("numpy >=1.0,<", ChannelErrorCodes.InvalidVersionSpec)]
    [TestCase("numpy <=>1", ChannelErrorCodes.InvalidVersionSpec)]
    [TestCase("numpy 1..2", ChannelErrorCodes.InvalidVersionSpec)]
    [TestCase("numpy (>=1.0", ChannelErrorCodes.InvalidVersionSpec)]
    [TestCase("numpy ~=1.2.*", ChannelErrorCodes.InvalidVersionSpec)]
    [TestCase("numpy[build_number='>=abc']", ChannelErrorCodes.InvalidBuildNumberSpec)]
    [TestCase("numpy[version='1.2 1.3']", ChannelErrorCodes.InvalidVersionSpec)] // two versions, not 1.21.3
    [TestCase("numpy[version='>=1.2 <2']", ChannelErrorCodes.InvalidVersionSpec)]
    [TestCase("numpy ~=1", ChannelErrorCodes.InvalidVersionSpec)]
    public void RejectsBadSpecsWithACode(string spec, string code)
    {
        var e = Assert.Throws<CondaRecipesException>(() => MatchSpec.Parse(spec));
        Assert.That(e!.Code, Is.EqualTo(code), e.Message);
        Assert.That(e.Hint, Is.Not.Null.And.Not.Empty);
    }

    [TestCase("=1.2.3 0", "=1.2.3", "0")]
    [TestCase("1.2.3=0", "1.2.3", "0")]
    [TestCase(">=1.0 , < 2.0 py34_0", ">=1.0,<2.0", "py34_0")]
    [TestCase(">=1.0 , < 2.0 =py34_0", ">=1.0,<2.0", "py34_0")]
    [TestCase(">1.8,<2|==1.7", ">1.8,<2|==1.7", null)]
    [TestCase("* openblas_0", "*", "openblas_0")]
    [TestCase("* *", "*", "*")]
    [TestCase("==0.4.38=derecho*", "==0.4.38", "derecho*")]
    public void SplitsVersionAndBuildAsDocumented(string text, string version, string? build)
    {
        Assert.That(MatchSpecParser.SplitVersionAndBuild(text), Is.EqualTo((version, build)));
    }
}
