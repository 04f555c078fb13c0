using CondaRecipes.Pipeline.Stages;

namespace CondaRecipes.Tests.Pipeline.Stages;

/// <summary><c>test/files</c> entries as conda-build copies them into info/test: globs, and folders with everything beneath.</summary>
public class TestFilesTests
{
    [Test]
    public void A_folder_brings_its_files_a_glob_matches_and_a_missing_name_stays_for_the_writer_to_report()
    {
        var dir = Directory.CreateTempSubdirectory("cr-testfiles-").FullName;
        try
        {
            foreach (var rel in new[] { "data/a.txt", "data/sub/b.txt", "check.py", "other.py", "meta.yaml" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, rel))!);
                File.WriteAllText(Path.Combine(dir, rel), rel);
            }

            var files = PackageStage.TestFiles(dir, ["data", "*.py", "missing.txt"]);

            Assert.That(files.Select(f => f.RelativePath), Is.EquivalentTo(new[] { "data/a.txt", "data/sub/b.txt", "check.py", "other.py", "missing.txt" }));
            Assert.That(files.Where(f => f.RelativePath != "missing.txt").All(f => File.Exists(f.SourcePath)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
