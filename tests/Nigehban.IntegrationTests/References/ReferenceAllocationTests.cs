using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;
using Shouldly;

namespace Nigehban.IntegrationTests.References;

/// <summary>
/// Allocation against the real databases. Each test numbers its own kind of item, so tests never
/// share a counter.
/// </summary>
public abstract class ReferenceAllocationTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="blocks">The reference blocks of one process: pass the same instance for one process, another for a second one sharing the database.</param>
    private async Task<T> WithAllocatorAsync<T>(Func<AllocateReferenceNumber, NigehbanDbContext, Task<T>> work, TimeProvider? clock = null, ReferenceBlocks? blocks = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test");
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<NigehbanDbContext>();
        var allocate = clock is null && blocks is null
            ? services.GetRequiredService<AllocateReferenceNumber>()
            : new AllocateReferenceNumber(db, services.GetRequiredService<UnitDirectory>(), services.GetRequiredService<ForcePack>(),
                clock ?? TimeProvider.System, blocks ?? new ReferenceBlocks());
        return await work(allocate, db);
    }

    private string StationOf(string district) =>
        app.Services.GetRequiredService<UnitDirectory>().All.First(u => u.Kind == "station" && u.Path.Contains($"/{district}/", StringComparison.Ordinal)).Code;

    [Fact]
    public async Task Next_NumbersFromOne_PerKindAndDistrict_WithTheDistrictOfTheStation()
    {
        var lahoreStation = StationOf("LHR");
        var multanStation = StationOf("MLT");

        var first = await WithAllocatorAsync((allocate, _) => allocate.NextAsync("TSTA", lahoreStation, Ct));
        var second = await WithAllocatorAsync((allocate, _) => allocate.NextAsync("TSTA", lahoreStation, Ct));
        var otherDistrict = await WithAllocatorAsync((allocate, _) => allocate.NextAsync("TSTA", multanStation, Ct));
        var otherKind = await WithAllocatorAsync((allocate, _) => allocate.NextAsync("TSTB", lahoreStation, Ct));

        first.District.ShouldBe("LHR");
        first.Sequence.ShouldBe(1);
        second.Sequence.ShouldBe(2);
        otherDistrict.District.ShouldBe("MLT");
        otherDistrict.Sequence.ShouldBe(1);
        otherKind.Sequence.ShouldBe(1);
        ReferenceNumber.Parse(second.ToString()).ShouldBe(second);
    }

    [Fact]
    public async Task Next_TakesTheYearInTheForceTimeZone()
    {
        // 20:00 UTC on 31 December 2026 is already 1 January 2027 in Lahore.
        var newYearInLahore = new FixedClock(new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.Zero));

        var reference = await WithAllocatorAsync((allocate, _) => allocate.NextAsync("TSTY", StationOf("LHR"), Ct), newYearInLahore);

        reference.Year.ShouldBe(27);
        reference.ToString().ShouldStartWith("TSTY-LHR-27-000001-");
    }

    [Fact]
    public async Task Next_Rejects_AUnitOutsideAnyDistrict()
    {
        var error = await Should.ThrowAsync<ValidationFailedException>(() => WithAllocatorAsync((allocate, _) => allocate.NextAsync("TSTC", "PB", Ct)));

        error.Field.ShouldBe("unitCode");
    }

    [Fact]
    public async Task Next_InARolledBackTransaction_IsUndoneWithIt()
    {
        var station = StationOf("LHR");
        var kept = await WithAllocatorAsync((allocate, _) => allocate.NextAsync("TSTD", station, Ct));
        await WithAllocatorAsync(async (allocate, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var discarded = await allocate.NextAsync("TSTD", station, Ct);
            await transaction.RollbackAsync(Ct);
            return discarded;
        });
        var next = await WithAllocatorAsync((allocate, _) => allocate.NextAsync("TSTD", station, Ct));

        // The rolled-back bump is undone with its transaction, so the number is simply reused.
        kept.Sequence.ShouldBe(1);
        next.Sequence.ShouldBe(2);
    }

    [Fact]
    public async Task Next_NeverGivesTheSameNumberTwice_UnderParallelAllocations()
    {
        var station = StationOf("LHR");
        var numbers = new ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => WithAllocatorAsync(async (allocate, db) =>
        {
            // Each allocation inside its own transaction, the way a module stores an item; every
            // fifth rolls back.
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var reference = await allocate.NextAsync("TSTP", station, Ct);
            if (i % 5 == 0)
            {
                await transaction.RollbackAsync(Ct);
                return 0;
            }

            await transaction.CommitAsync(Ct);
            numbers.Add(reference.Sequence);
            return 0;
        }), Ct)));

        // Rolled-back bumps are undone with their transactions, so the committed numbers are 1..48.
        numbers.Order().ShouldBe(Enumerable.Range(1, 48).Select(n => (long)n));
        var counter = await app.WithDbAsync(db => db.Set<ReferenceCounter>().SingleAsync(c => c.Kind == "TSTP", Ct));
        (counter.NextValue - 1).ShouldBe(numbers.Max());
    }

    [Fact]
    public async Task NextFromBlock_NeverGivesTheSameNumberTwice_AcrossTwoProcessesSharingTheDatabase()
    {
        var station = StationOf("LHR");
        ReferenceBlocks[] processes = [new(), new()];
        var numbers = new ConcurrentBag<long>();

        // Two processes take numbers from their blocks at once, and single transactional
        // allocations of the same counter run between them.
        await Task.WhenAll(Enumerable.Range(0, 120).Select(i => Task.Run(() => WithAllocatorAsync(async (allocate, _) =>
        {
            var reference = i % 10 == 9
                ? await allocate.NextAsync("TSTH", station, Ct)
                : await allocate.NextFromBlockAsync("TSTH", station, Ct);
            numbers.Add(reference.Sequence);
            return 0;
        }, blocks: processes[i % 2]), Ct)));

        numbers.Distinct().Count().ShouldBe(120);
        var counter = await app.WithDbAsync(db => db.Set<ReferenceCounter>().SingleAsync(c => c.Kind == "TSTH", Ct));
        numbers.Max().ShouldBeLessThan(counter.NextValue);
        // Unused rests of the two processes' last blocks are less than a block each (blocks grow
        // while they go fast, up to the maximum).
        (counter.NextValue - 1 - 120).ShouldBeLessThanOrEqualTo(2 * (ReferenceBlocks.MaxBlockSize - 1));
    }

    [Fact]
    public async Task NextFromBlock_ReservesTwiceAsMany_WhenTheLastBlockWentFast()
    {
        var station = StationOf("LHR");
        var blocks = new ReferenceBlocks();
        async Task<long> ReservedSoFar() =>
            (await app.WithDbAsync(db => db.Set<ReferenceCounter>().SingleAsync(c => c.Kind == "TSTG", Ct))).NextValue - 1;
        var reserved = new List<long>();
        for (var i = 1; i <= 61; i++)
        {
            (await WithAllocatorAsync((allocate, _) => allocate.NextFromBlockAsync("TSTG", station, Ct), blocks: blocks)).Sequence.ShouldBe(i);
            if (i is 1 or 21 or 61)
            {
                reserved.Add(await ReservedSoFar());
            }
        }

        // 20, then 40 and 80, each used up within seconds of its reservation.
        reserved.ShouldBe([20, 60, 140]);
    }

    [Fact]
    public async Task NextFromBlock_HandsOutInOrder_AndAfterARestart_SkipsTheOldBlocksRest()
    {
        var station = StationOf("LHR");
        var before = new ReferenceBlocks();
        var taken = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            taken.Add((await WithAllocatorAsync((allocate, _) => allocate.NextFromBlockAsync("TSTR", station, Ct), blocks: before)).Sequence);
        }

        // A restarted process has empty blocks: it reserves past everything the old one held.
        var afterRestart = await WithAllocatorAsync((allocate, _) => allocate.NextFromBlockAsync("TSTR", station, Ct), blocks: new ReferenceBlocks());

        taken.ShouldBe([1, 2, 3]);
        afterRestart.Sequence.ShouldBe(ReferenceBlocks.BlockSize + 1);
    }

    [Fact]
    public async Task NextFromBlock_Refuses_InsideATransaction()
    {
        var station = StationOf("LHR");

        await Should.ThrowAsync<InvalidOperationException>(() => WithAllocatorAsync(async (allocate, db) =>
        {
            // A block reserved here and rolled back would be reserved again by the next caller.
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            return await allocate.NextFromBlockAsync("TSTT", station, Ct);
        }, blocks: new ReferenceBlocks()));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class ReferenceAllocationTests_Sqlite(SqliteApp app) : ReferenceAllocationTests(app);

public sealed class ReferenceAllocationTests_Postgres(PostgresApp app) : ReferenceAllocationTests(app);
