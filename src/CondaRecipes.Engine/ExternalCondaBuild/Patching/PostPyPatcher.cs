using System.ComponentModel;
using CondaRecipes.Diagnostics;
using CondaRecipes.Processes;
using CondaRecipes.Files;

namespace CondaRecipes.ExternalCondaBuild.Patching;

/// <summary>What patching post.py did.</summary>
/// <param name="AlreadyPatched">True when the file already carried the complete patch and was left alone.</param>
/// <param name="SyntaxChecked">True when a Python interpreter parsed the patched file before it replaced the original.</param>
public sealed record PostPyPatchResult(string PostPy, string CondaBuildVersion, bool AlreadyPatched, bool SyntaxChecked);

/// <summary>
/// Applies <see cref="PostPyPatch"/> to the post.py of an environment's conda-build, safely: the stock
/// file is kept as <c>post.py.orig</c>, the new text is parsed by Python and written to a temporary file
/// that replaces the original by a rename, and the file is read back and checked for every change — on
/// any failure the original is put back. A file that already carries the patch is left untouched.
/// </summary>
public sealed class PostPyPatcher
{
    /// <summary>Suffix of the stock file kept next to the patched one.</summary>
    public const string BackupSuffix = ".orig";

    private readonly string? _python;

    /// <param name="python">
    /// The interpreter that syntax-checks the patched file when the environment has none of its own
    /// (<c>&lt;env&gt;/bin/python</c> is preferred). Null: only the environment's.
    /// </param>
    public PostPyPatcher(string? python = null) => _python = python;

    /// <summary>Patches the conda-build installed in an environment.</summary>
    /// <exception cref="CondaRecipesException">CR7201 (no post.py), CR7202 (shape not recognised), CR7203 (verification failed).</exception>
    public Task<PostPyPatchResult> ApplyAsync(string environmentDirectory, CancellationToken cancellationToken = default)
    {
        var installation = CondaBuildInstallation.Locate(environmentDirectory);
        var envPython = Path.Combine(environmentDirectory, "bin", "python");
        var python = ExecutableFiles.IsExecutable(envPython) ? envPython : _python;
        return ApplyToFileAsync(installation.PostPy, installation.Version, python, cancellationToken);
    }

    /// <summary>Patches one post.py file.</summary>
    /// <param name="version">conda-build's version, named in errors.</param>
    /// <param name="python">Interpreter for the syntax check; null skips it.</param>
    public static async Task<PostPyPatchResult> ApplyToFileAsync(string postPy, string version, string? python,
        CancellationToken cancellationToken = default)
    {
        var original = await File.ReadAllTextAsync(postPy, cancellationToken).ConfigureAwait(false);
        if (original.Contains(PostPyPatch.Marker, StringComparison.Ordinal))
        {
            var missing = PostPyPatch.MissingChanges(original);
            if (missing.Count == 0) return new PostPyPatchResult(postPy, version, AlreadyPatched: true, SyntaxChecked: false);
            throw new CondaRecipesException(CondaBuildErrorCodes.PostPyShapeNotRecognised,
                $"post.py of conda-build {version} carries the patch marker but lacks {string.Join(", ", missing)}.",
                file: postPy,
                hint: $"Restore the stock file (post.py{BackupSuffix} next to it, or reinstall conda-build) and build again.");
        }

        var patched = PostPyPatch.Apply(original, version, postPy);
        var notApplied = PostPyPatch.MissingChanges(patched);
        if (notApplied.Count > 0)
            throw VerificationFailed(postPy, version, $"the edited text lacks {string.Join(", ", notApplied)}");

        var temp = AtomicFile.TemporarySibling(postPy);
        await File.WriteAllTextAsync(temp, patched, cancellationToken).ConfigureAwait(false);
        try
        {
            CopyMode(postPy, temp);
            var checkedSyntax = false;
            if (python is not null)
            {
                await CheckSyntaxAsync(python, temp, postPy, version, cancellationToken).ConfigureAwait(false);
                checkedSyntax = true;
            }

            WriteAtomically(postPy + BackupSuffix, original);
            AtomicFile.Commit(temp, postPy);

            var written = await File.ReadAllTextAsync(postPy, CancellationToken.None).ConfigureAwait(false);
            var missingAfterWrite = PostPyPatch.MissingChanges(written);
            if (written != patched || missingAfterWrite.Count > 0)
            {
                WriteAtomically(postPy, original);
                throw VerificationFailed(postPy, version,
                    "the file read back differs from what was written; the original was restored");
            }
            return new PostPyPatchResult(postPy, version, AlreadyPatched: false, SyntaxChecked: checkedSyntax);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Parses the file with Python's <c>ast</c> (compiles nothing to disk).</summary>
    private static async Task CheckSyntaxAsync(string python, string file, string postPy, string version,
        CancellationToken cancellationToken)
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(new ProcessRequest(python,
                ["-c", "import ast, sys; ast.parse(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1])", file]),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw VerificationFailed(postPy, version, $"the Python interpreter '{python}' could not be started ({e.Message})");
        }
        if (result.ExitCode != 0)
            throw VerificationFailed(postPy, version, $"the patched text does not parse: {result.StandardError.Trim()}");
    }

    private static void WriteAtomically(string path, string text) => AtomicFile.WriteAllText(path, text);

    private static void CopyMode(string from, string to)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(to, File.GetUnixFileMode(from));
    }

    private static CondaRecipesException VerificationFailed(string postPy, string version, string what) =>
        new(CondaBuildErrorCodes.PostPyPatchVerificationFailed,
            $"Patching post.py of conda-build {version} failed: {what}. post.py is unchanged.",
            file: postPy,
            hint: "Report the conda-build version; meanwhile pin conda-build to a release the patch is known to work with.");
}
