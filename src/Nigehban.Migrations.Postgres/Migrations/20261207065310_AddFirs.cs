using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddFirs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fir_counters",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    NextValue = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fir_counters", x => new { x.UnitCode, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "firs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ComplaintReference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CrimeHead = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Narrative = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RegisteredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    InvestigatingOfficerUserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InvestigatingOfficerName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdempotencyRequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CopyCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CopySignature = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_firs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fir_offences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FirId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CrimeHead = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fir_offences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fir_offences_firs_FirId",
                        column: x => x.FirId,
                        principalTable: "firs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fir_parties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FirId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    IsUnknown = table.Column<bool>(type: "boolean", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Gender = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Age = table.Column<int>(type: "integer", nullable: true),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    NationalId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fir_parties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fir_parties_firs_FirId",
                        column: x => x.FirId,
                        principalTable: "firs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_fir_offences_FirId_Position",
                table: "fir_offences",
                columns: new[] { "FirId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fir_parties_FirId_Position",
                table: "fir_parties",
                columns: new[] { "FirId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_firs_ComplaintReference",
                table: "firs",
                column: "ComplaintReference",
                unique: true,
                filter: "\"ComplaintReference\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_firs_CopyCode",
                table: "firs",
                column: "CopyCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_firs_IdempotencyKey",
                table: "firs",
                column: "IdempotencyKey",
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_firs_Reference",
                table: "firs",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_firs_UnitCode_Year_Number",
                table: "firs",
                columns: new[] { "UnitCode", "Year", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_firs_UnitPath_RegisteredAt",
                table: "firs",
                columns: new[] { "UnitPath", "RegisteredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fir_counters");

            migrationBuilder.DropTable(
                name: "fir_offences");

            migrationBuilder.DropTable(
                name: "fir_parties");

            migrationBuilder.DropTable(
                name: "firs");
        }
    }
}
