using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddPoliceComplaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "police_complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TypeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    StationCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StationPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    AccusedOfficerName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    AccusedAccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ComplainantName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    ComplainantPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ComplainantLanguage = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstCallDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReplyDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AssignedAccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignedOfficerName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CalledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RepliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reply = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Finding = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Closure = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ClosureReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    BreachedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdempotencyRequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_police_complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "police_complaint_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_police_complaint_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_police_complaint_steps_police_complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "police_complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_police_complaint_steps_ComplaintId_At",
                table: "police_complaint_steps",
                columns: new[] { "ComplaintId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_police_complaints_AssignedAccountId_Status",
                table: "police_complaints",
                columns: new[] { "AssignedAccountId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_police_complaints_IdempotencyKey",
                table: "police_complaints",
                column: "IdempotencyKey",
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_police_complaints_Reference",
                table: "police_complaints",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_police_complaints_Status_BreachedAt",
                table: "police_complaints",
                columns: new[] { "Status", "BreachedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_police_complaints_UnitCode",
                table: "police_complaints",
                column: "UnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_police_complaints_UnitPath_Status_ReceivedAt",
                table: "police_complaints",
                columns: new[] { "UnitPath", "Status", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "police_complaint_steps");

            migrationBuilder.DropTable(
                name: "police_complaints");
        }
    }
}
