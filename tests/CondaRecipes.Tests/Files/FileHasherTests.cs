using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Files;

namespace CondaRecipes.Tests.Files;

/// <summary>The digests agree with coreutils' sha256sum, md5sum and sha1sum on a file larger than one read buffer.</summary>
public class FileHasherTests
{
    [Test]
    public async Task Digests_match_coreutils()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31 % 257)).ToArray());
            async Task<string> Sum(string tool) =>
                (await Cli.Wrap(tool).WithArguments([file]).ExecuteBufferedAsync()).StandardOutput.Split(' ')[0];

            var all = await FileHasher.ComputeAsync(file, FileDigest.Sha256 | FileDigest.Md5 | FileDigest.Sha1, CancellationToken.None);
            Assert.That(all, Is.EqualTo(new FileDigests(await Sum("sha256sum"), await Sum("md5sum"), await Sum("sha1sum"))));
            Assert.That(FileHasher.Compute(file, FileDigest.Md5), Is.EqualTo(new FileDigests(null, all.Md5, null)));
            Assert.That(FileHasher.Sha256(file), Is.EqualTo(all.Sha256));
        }
        finally { File.Delete(file); }
    }
}
