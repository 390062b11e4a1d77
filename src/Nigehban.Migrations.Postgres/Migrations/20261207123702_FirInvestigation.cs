using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
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
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ChallanSubmittedAt",
                table: "firs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EscalationLevel",
                table: "firs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FirstBreachedAt",
                table: "firs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextEscalationAt",
                table: "firs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StageDueAt",
                table: "firs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StageStartedAt",
                table: "firs",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "firs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // FIRs registered before investigations existed were "Registered": their investigation began then (no clock: no deadline was set).
            migrationBuilder.Sql("UPDATE firs SET \"Status\" = 'UnderInvestigation', \"StageStartedAt\" = \"RegisteredAt\" WHERE \"Status\" = 'Registered'");

            migrationBuilder.CreateTable(
                name: "fir_arrests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FirId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PersonName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    AccusedPosition = table.Column<int>(type: "integer", nullable: true),
                    CustodyStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProduceBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ArrestedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FirId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuthorUserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FirId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Details = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FirId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Quantity = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: true),
                    QuantityUnit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    RecoveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
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
