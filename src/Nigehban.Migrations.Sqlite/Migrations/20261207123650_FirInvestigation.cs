using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FirInvestigation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ChallanInTime",
                table: "firs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ChallanSubmittedAt",
                table: "firs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EscalationLevel",
                table: "firs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "FirstBreachedAt",
                table: "firs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextEscalationAt",
                table: "firs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StageDueAt",
                table: "firs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StageStartedAt",
                table: "firs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "firs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // FIRs registered before investigations existed were "Registered": their investigation began then (no clock: no deadline was set).
            migrationBuilder.Sql("UPDATE firs SET \"Status\" = 'UnderInvestigation', \"StageStartedAt\" = \"RegisteredAt\" WHERE \"Status\" = 'Registered'");

            migrationBuilder.CreateTable(
                name: "fir_arrests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    AccusedPosition = table.Column<int>(type: "INTEGER", nullable: true),
                    CustodyStartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProduceBy = table.Column<long>(type: "INTEGER", nullable: false),
                    ArrestedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fir_arrests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fir_arrests_firs_FirId",
                        column: x => x.FirId,
                        principalTable: "firs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fir_diary_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorUserName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fir_diary_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fir_diary_entries_firs_FirId",
                        column: x => x.FirId,
                        principalTable: "firs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fir_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fir_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fir_events_firs_FirId",
                        column: x => x.FirId,
                        principalTable: "firs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fir_recoveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: true),
                    QuantityUnit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    RecoveredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fir_recoveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fir_recoveries_firs_FirId",
                        column: x => x.FirId,
                        principalTable: "firs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_firs_NextEscalationAt",
                table: "firs",
                column: "NextEscalationAt",
                filter: "\"NextEscalationAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_firs_UnitPath_Status",
                table: "firs",
                columns: new[] { "UnitPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_fir_arrests_FirId",
                table: "fir_arrests",
                column: "FirId");

            migrationBuilder.CreateIndex(
                name: "IX_fir_arrests_UnitPath_CustodyStartedAt",
                table: "fir_arrests",
                columns: new[] { "UnitPath", "CustodyStartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_fir_diary_entries_FirId_WrittenAt",
                table: "fir_diary_entries",
                columns: new[] { "FirId", "WrittenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_fir_events_FirId_At",
                table: "fir_events",
                columns: new[] { "FirId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_fir_recoveries_FirId",
                table: "fir_recoveries",
                column: "FirId");

            migrationBuilder.CreateIndex(
                name: "IX_fir_recoveries_UnitPath_RecoveredAt",
                table: "fir_recoveries",
                columns: new[] { "UnitPath", "RecoveredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fir_arrests");

            migrationBuilder.DropTable(
                name: "fir_diary_entries");

            migrationBuilder.DropTable(
                name: "fir_events");

            migrationBuilder.DropTable(
                name: "fir_recoveries");

            migrationBuilder.DropIndex(
                name: "IX_firs_NextEscalationAt",
                table: "firs");

            migrationBuilder.DropIndex(
                name: "IX_firs_UnitPath_Status",
                table: "firs");

            migrationBuilder.DropColumn(
                name: "ChallanInTime",
                table: "firs");

            migrationBuilder.DropColumn(
                name: "ChallanSubmittedAt",
                table: "firs");

            migrationBuilder.DropColumn(
                name: "EscalationLevel",
                table: "firs");

            migrationBuilder.DropColumn(
                name: "FirstBreachedAt",
                table: "firs");

            migrationBuilder.DropColumn(
                name: "NextEscalationAt",
                table: "firs");

            migrationBuilder.DropColumn(
                name: "StageDueAt",
                table: "firs");

            migrationBuilder.DropColumn(
                name: "StageStartedAt",
                table: "firs");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "firs");
        }
    }
}
