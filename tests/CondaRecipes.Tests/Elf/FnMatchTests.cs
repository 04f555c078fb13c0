using System.Text.Json;
using CondaRecipes.Elf;

namespace CondaRecipes.Tests.Elf;

[TestFixture]
public class FnMatchTests
{
    private static readonly (string Name, string Pattern, bool Expected)[] Cases =
    [
        ("/opt/cray/pe/lib64", "/opt/cray/*", true),
        ("/opt/cray", "/opt/cray/*", false),
        ("/opt/crayx/lib", "/opt/cray/*", false),
        ("/glade/u/apps/derecho/23.09/spack/opt/cuda/lib64", "/glade/u/apps/*", true),
        ("/usr/local/x", "/opt/cray/*", false),
        ("abc", "a?c", true),
        ("a/c", "a?c", true),
        ("ac", "a?c", false),
        ("a1c", "a[0-9]c", true),
        ("abc", "a[0-9]c", false),
        ("abc", "a[!0-9]c", true),
        ("a1c", "a[!0-9]c", false),
        ("a]c", "a[]]c", true),
        ("a]c", "a[!]]c", false),
        ("abc", "a[!]]c", true),
        ("a[c", "a[c", true),
        ("a[bc", "a[b", false),
        ("a-c", "a[a-]c", true),
        ("a-c", "a[-z]c", true),
        ("a!c", "a[!]c", false),
        ("a\\c", "a\\c", true),
        ("a\\c", "a[\\]c", true),
        ("abc", "a[z-a]c", false),
        ("abc", "a[!z-a]c", true),
        ("libcuda.so.1", "libcuda.so*", true),
        ("libcuda.so.1", "LIBCUDA.so*", false),
        ("x.y", "x.y", true),
        ("xzy", "x.y", false),
        ("a(b)c+", "a(b)c+", true),
        ("line\nbreak", "line*", true),
        ("", "*", true),
        ("", "?", false),
        ("a*b", "a[*]b", true),
        ("a^b", "a[^]b", true),
    ];

    [Test]
    public void IsMatch_Cases()
    {
        foreach (var (name, pattern, expected) in Cases)
            Assert.That(FnMatch.IsMatch(name, pattern), Is.EqualTo(expected), $"fnmatch({name}, {pattern})");
    }

    /// <summary>The same cases through Python's own fnmatch.fnmatchcase, the semantics we promise.</summary>
    [Test]
    public void IsMatch_AgreesWithPythonFnmatch()
    {
        var python = Directory.Exists(PyenvRoot)
            ? Directory.GetDirectories(PyenvRoot, "3.*").Select(d => Path.Combine(d, "bin", "python3")).FirstOrDefault(File.Exists)
            : null;
        if (python is null) Assert.Ignore("no Python 3 under ~/.pyenv/versions");
        var input = Path.Combine(Path.GetTempPath(), $"cr-fnmatch-{Guid.NewGuid():N}.json");
        File.WriteAllText(input, JsonSerializer.Serialize(Cases.Select(c => new[] { c.Name, c.Pattern })));
        try
        {
            var output = NativeTools.Run(python!, "-c",
                "import fnmatch, json, sys; print(json.dumps([fnmatch.fnmatchcase(n, p) for n, p in json.load(open(sys.argv[1]))]))", input);
            var pythonSays = JsonSerializer.Deserialize<bool[]>(output)!;
            for (var i = 0; i < Cases.Length; i++)
                Assert.That(FnMatch.IsMatch(Cases[i].Name, Cases[i].Pattern), Is.EqualTo(pythonSays[i]),
                    $"fnmatch({Cases[i].Name}, {Cases[i].Pattern})");
        }
        finally { File.Delete(input); }
    }

    private static string PyenvRoot => Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".pyenv", "versions");
}
