using System.Text;
using CondaRecipes.Packaging;

namespace CondaRecipes.Tests.Packaging;

/// <summary>
/// Prefix detection, prefix replacement and shebang fixing read files in chunks; a placeholder that spans
/// two chunks must still be found. Files here are many times larger than any buffer, and the replacement is
/// compared with a whole-file reference computed independently in the test.
/// </summary>
public class LargeFileStreamingTests
{
    private static readonly string Placeholder = "/tmp/cr-build/_h_env" + string.Concat(Enumerable.Repeat("_placehold", 24))[..(255 - 20)];
    private const string Prefix = "/opt/envs/demo";
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-streaming-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>Bytes 1..255 (no NUL unless placed), deterministic.</summary>
    private static byte[] Filler(int length, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] == 0 || bytes[i] == (byte)'/') bytes[i] = (byte)'x';
        return bytes;
    }

    private static void Put(byte[] data, long at, string text) => Encoding.Latin1.GetBytes(text).CopyTo(data, at);

    /// <summary>What conda produces, computed on the whole file at once (Latin-1 keeps bytes as characters).</summary>
    private static byte[] Reference(byte[] data, PrefixFileMode mode)
    {
        var s = Encoding.Latin1.GetString(data);
        if (mode == PrefixFileMode.Text) return Encoding.Latin1.GetBytes(s.Replace(Placeholder, Prefix, StringComparison.Ordinal));
        var result = new StringBuilder(s.Length);
        var at = 0;
        while (true)
        {
            var start = s.IndexOf(Placeholder, at, StringComparison.Ordinal);
            if (start < 0) { result.Append(s, at, s.Length - at); break; }
            result.Append(s, at, start - at);
            var end = s.IndexOf('\0', start);
            if (end < 0) end = s.Length;
            var replaced = s[start..end].Replace(Placeholder, Prefix, StringComparison.Ordinal);
            result.Append(replaced).Append('\0', end - start - replaced.Length);
            at = end;
        }
        return Encoding.Latin1.GetBytes(result.ToString());
    }

    /// <summary>64 MB with placeholders across chunk boundaries (of 1 MB, the default, and of the other sizes tried).</summary>
    private static byte[] LargeInput(PrefixFileMode mode)
    {
        const int mb = 1 << 20;
        var data = Filler(64 * mb, 7);
        long[] starts = [0, mb - 1, 2L * mb - 128, 5L * mb - 254, 9L * mb - 255, 16L * mb, 31L * mb - 3, 64L * mb - Placeholder.Length];
        foreach (var s in starts) Put(data, s, Placeholder);
        Put(data, 40L * mb - Placeholder.Length, Placeholder + Placeholder[..200]); // a whole one before a boundary, a partial one across it
        Put(data, 48L * mb - 300, Placeholder + "/lib" + Placeholder + "/bin"); // two in one string
        if (mode == PrefixFileMode.Binary)
            foreach (var nul in new long[] { 300, mb + 300, 2L * mb + 127, 5L * mb + 1, 9L * mb + 4096, 31L * mb + 600, 48L * mb + 500 })
                data[nul] = 0;
        return data;
    }

    [TestCase(PrefixFileMode.Text)]
    [TestCase(PrefixFileMode.Binary)]
    public void Replacing_a_64_MB_file_matches_the_whole_file_reference_for_several_chunk_sizes(PrefixFileMode mode)
    {
        var data = LargeInput(mode);
        var expected = Reference(data, mode);
        Assert.That(expected, Is.Not.EqualTo(data), "the input holds placeholders");
        foreach (var chunk in new[] { PrefixReplacer.ChunkSize, 65536, 4099 })
        {
            using var output = new MemoryStream();
            var count = PrefixReplacer.Replace(new MemoryStream(data), output, Placeholder, Prefix, mode, chunk);
            Assert.That(count, Is.EqualTo(11), $"chunk {chunk}");
            Assert.That(output.ToArray().AsSpan().SequenceEqual(expected), Is.True, $"chunk {chunk}: differs from the reference");
            if (mode == PrefixFileMode.Binary) Assert.That(output.Length, Is.EqualTo(data.Length), "binary replacement keeps the size");
        }
    }

    [Test]
    public void Every_chunk_boundary_position_in_a_small_file_gives_the_reference([Values] PrefixFileMode mode)
    {
        var data = Filler(3000, 11);
        Put(data, 100, Placeholder);
        Put(data, 100 + Placeholder.Length + 5, Placeholder);
        if (mode == PrefixFileMode.Binary) data[100 + 2 * Placeholder.Length + 40] = 0;
        Put(data, 2000, Placeholder);
        var expected = Reference(data, mode);
        for (var chunk = 1; chunk <= 700; chunk++)
        {
            using var output = new MemoryStream();
            PrefixReplacer.Replace(new MemoryStream(data), output, Placeholder, Prefix, mode, chunk);
            Assert.That(output.ToArray().AsSpan().SequenceEqual(expected), Is.True, $"chunk {chunk}");
        }
    }

    [Test]
    public void Detection_finds_a_prefix_split_across_two_read_chunks_of_a_64_MB_file()
    {
        var path = Path.Combine(_dir, "big.txt");
        var data = Filler(64 * PrefixDetector.ChunkSize, 3);
        var boundary = 33L * PrefixDetector.ChunkSize;
        Put(data, boundary - 100, Placeholder); // 100 bytes in one chunk, the rest in the next
        File.WriteAllBytes(path, data);
        Assert.That(PrefixDetector.Scan(path, Placeholder), Is.EqualTo(new PrefixScanResult(PrefixFileMode.Text, true, false)));

        Put(data, boundary - 100, Placeholder[..^1] + "x"); // one byte short: not the prefix
        File.WriteAllBytes(path, data);
        Assert.That(PrefixDetector.Scan(path, Placeholder)!.ContainsPrefix, Is.False);
    }

    [Test]
    public void The_shebang_of_a_file_larger_than_its_first_line_buffer_is_fixed_and_the_rest_copied_unchanged()
    {
        var path = Path.Combine(_dir, "tool");
        var body = Filler(8 << 20, 5);
        var line = Encoding.UTF8.GetBytes($"#!{Placeholder}/bin/python3 -u\n");
        using (var f = File.Create(path)) { f.Write(line); f.Write(body); }
        Assert.That(ShebangFixer.FixFile(path, Placeholder), Is.True);
        var written = File.ReadAllBytes(path);
        var expectedLine = Encoding.UTF8.GetBytes("#!/usr/bin/env python3 -u\n");
        Assert.That(written.AsSpan(0, expectedLine.Length).SequenceEqual(expectedLine), Is.True);
        Assert.That(written.AsSpan(expectedLine.Length).SequenceEqual(body), Is.True);
    }
}
