using System.Text;
using System.Text.Json.Nodes;

namespace CondaRecipes.Packaging;

/// <summary>
/// Writes <c>info/test/</c> like conda-build: <c>run_test.py</c> (imports, then the recipe's own script),
/// <c>run_test.sh</c> (commands, then the recipe's own script), <c>test_time_dependencies.json</c>, and the
/// test files, so a package can be tested later without its recipe.
/// </summary>
internal static class TestFilesWriter
{
    internal static void Write(string testDir, TestSpec test)
    {
        var any = test.Imports.Count + test.Commands.Count + test.Requires.Count + test.Files.Count > 0
                  || test.RunTestPy is not null || test.RunTestSh is not null;
        if (!any) return;
        Directory.CreateDirectory(testDir);

        foreach (var file in test.Files) InfoWriter.CopyMetadataFile(file, testDir);

        if (test.Imports.Count > 0 || test.RunTestPy is not null)
        {
            var py = new StringBuilder();
            foreach (var module in test.Imports)
                py.Append($"print(\"import: {module}\")\nimport {module}\n\n");
            if (test.RunTestPy is not null) py.Append(test.RunTestPy);
            File.WriteAllText(Path.Combine(testDir, "run_test.py"), py.ToString());
        }

        if (test.Commands.Count > 0 || test.RunTestSh is not null)
        {
            var sh = new StringBuilder("#!/bin/bash\nset -ex\n\n");
            foreach (var command in test.Commands) sh.Append(command).Append('\n');
            if (test.RunTestSh is not null) sh.Append('\n').Append(test.RunTestSh);
            var path = Path.Combine(testDir, "run_test.sh");
            File.WriteAllText(path, sh.ToString());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }

        if (test.Requires.Count > 0)
            JsonFiles.Write(Path.Combine(testDir, "test_time_dependencies.json"), JsonFiles.Array(test.Requires), sortKeys: false);
    }
}
