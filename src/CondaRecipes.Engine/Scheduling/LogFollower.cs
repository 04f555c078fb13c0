using System.Text;

namespace CondaRecipes.Scheduling;

/// <summary>
/// Follows one growing log file: each <see cref="ReadNewLines"/> returns the complete lines written since
/// the last call. A missing file is simply "nothing yet" (PBS copies logs back only at the end). A partial
/// last line is held until its newline arrives or <see cref="Flush"/> is called.
/// </summary>
public sealed class LogFollower(string path)
{
    private long _position;
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly StringBuilder _partial = new();

    public string Path { get; } = path;
    public bool Exists => File.Exists(Path);

    public IReadOnlyList<string> ReadNewLines()
    {
        var lines = new List<string>();
        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < _position) _position = 0;   // truncated or replaced: start over
            stream.Seek(_position, SeekOrigin.Begin);
            var bytes = new byte[64 * 1024];
            var chars = new char[bytes.Length + 4];
            int read;
            while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                _position += read;
                var n = _decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                for (var i = 0; i < n; i++)
                {
                    if (chars[i] == '\n')
                    {
                        lines.Add(_partial.ToString().TrimEnd('\r'));
                        _partial.Clear();
                    }
                    else _partial.Append(chars[i]);
                }
            }
        }
        catch (FileNotFoundException) { }
        catch (DirectoryNotFoundException) { }
        return lines;
    }

    /// <summary>New lines plus the unterminated last line, if any; for the end of the job.</summary>
    public IReadOnlyList<string> Flush()
    {
        var lines = ReadNewLines().ToList();
        if (_partial.Length > 0)
        {
            lines.Add(_partial.ToString());
            _partial.Clear();
        }
        return lines;
    }

    /// <summary>The last <paramref name="count"/> lines of the file, reading at most its last 256 KiB.</summary>
    public static IReadOnlyList<string> Tail(string path, int count)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Max(0, stream.Length - 256 * 1024);
            stream.Seek(start, SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var lines = reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            if (start > 0 && lines.Count > 0) lines.RemoveAt(0);   // cut mid-line
            if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            return lines.Skip(Math.Max(0, lines.Count - count)).ToList();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return []; }
    }
}
