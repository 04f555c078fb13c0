using System.Diagnostics;
using CondaRecipes.Files;

namespace CondaRecipes.Tests.Files;

/// <summary>The advisory lock two builds of one variant take turns on: exclusive, named, and gone with its process.</summary>
public class LockFileTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-lock-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void A_held_lock_excludes_a_second_holder_and_names_the_first()
    {
        var path = Path.Combine(_dir, "locks", "py3.12.lock");
        using (var held = LockFile.TryAcquire(path))
        {
            Assert.That(held, Is.Not.Null);
            Assert.That(LockFile.TryAcquire(path), Is.Null, "a second open, even in the same process, must not get it");
            Assert.That(LockFile.Owner(path), Does.StartWith($"{Environment.MachineName} pid {Environment.ProcessId} since "));
        }
        Assert.That(File.Exists(LockFile.OwnerPath(path)), Is.False, "the owner line goes with the lock");
        using var again = LockFile.TryAcquire(path);
        Assert.That(again, Is.Not.Null, "released on dispose");
    }

    [Test]
    public void The_lock_is_flock_and_dies_with_a_killed_holder()
    {
        var path = Path.Combine(_dir, "v.lock");
        File.WriteAllText(path, "");
        // util-linux flock(1) takes flock(2) on the shell's descriptor, which the one process left (sleep) holds, as
        // another build on this or another node would.
        using var holder = Process.Start("bash", ["-c", $"exec 9>>'{path}' && flock -x 9 && exec sleep 600"]);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (LockFile.TryAcquire(path) is { } early && DateTime.UtcNow < deadline)
        {
            early.Dispose();
            Thread.Sleep(50);
        }
        Assert.That(LockFile.TryAcquire(path), Is.Null, "flock(1)'s lock excludes ours");
        Assert.That(LockFile.Owner(path), Is.EqualTo("another process"), "a holder that wrote no owner line");

        holder.Kill(); // SIGKILL: no chance to release anything
        holder.WaitForExit();
        using var taken = LockFile.TryAcquire(path);
        Assert.That(taken, Is.Not.Null, "the kernel released the dead holder's lock");
    }

    [Test]
    public async Task A_wait_reports_the_holder_and_gives_up_after_its_timeout()
    {
        var path = Path.Combine(_dir, "v.lock");
        using var held = LockFile.TryAcquire(path);
        var reports = new List<string>();
        var clock = Stopwatch.StartNew();
        var got = await LockFile.AcquireAsync(path, TimeSpan.FromSeconds(0.5), TimeSpan.FromMinutes(1), reports.Add, CancellationToken.None);
        Assert.That(got, Is.Null);
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.5)).And.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(reports, Has.Count.EqualTo(1));
        Assert.That(reports[0], Does.Contain($"pid {Environment.ProcessId}"));
    }

    [Test]
    public async Task A_waiter_gets_the_lock_when_the_holder_lets_go()
    {
        var path = Path.Combine(_dir, "v.lock");
        var held = LockFile.TryAcquire(path)!;
        var waiting = LockFile.AcquireAsync(path, null, TimeSpan.FromMinutes(1), _ => { }, CancellationToken.None);
        await Task.Delay(300);
        Assert.That(waiting.IsCompleted, Is.False);
        held.Dispose();
        using var got = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(got, Is.Not.Null);
    }
}
