using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddFrontDesk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "station_complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    IncidentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LocationText = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    complainant_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    complainant_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    complainant_national_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StageStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StageDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EscalationLevel = table.Column<int>(type: "integer", nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FirstBreachedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextEscalationAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OfficerUserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OfficerName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    OfficerPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    DisposalNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DisposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DisposedInTime = table.Column<bool>(type: "boolean", nullable: true),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    RatingComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdempotencyRequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_station_complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "station_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    VisitorName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    VisitorPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PurposeCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Saw = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    ComplaintReference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ArrivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DepartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_station_visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "station_complaint_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "uuid", nullable: false),
                    Event = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(1100)", maxLength: 1100, nullable: true),
                    FromUnit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ToUnit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_station_complaint_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_station_complaint_steps_station_complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "station_complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_station_complaint_steps_ComplaintId_At",
                table: "station_complaint_steps",
                columns: new[] { "ComplaintId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_station_complaints_IdempotencyKey",
                table: "station_complaints",
                column: "IdempotencyKey",
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_station_complaints_NextEscalationAt",
                table: "station_complaints",
                column: "NextEscalationAt",
                filter: "\"NextEscalationAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_station_complaints_Reference",
                table: "station_complaints",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_station_complaints_UnitCode",
                table: "station_complaints",
                column: "UnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_station_complaints_UnitPath_Status_ReceivedAt",
                table: "station_complaints",
                columns: new[] { "UnitPath", "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_station_visits_UnitCode",
                table: "station_visits",
                column: "UnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_station_visits_UnitPath_ArrivedAt",
                table: "station_visits",
                columns: new[] { "UnitPath", "ArrivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "station_complaint_steps");

            migrationBuilder.DropTable(
                name: "station_visits");

            migrationBuilder.DropTable(
                name: "station_complaints");
        }
    }
}
