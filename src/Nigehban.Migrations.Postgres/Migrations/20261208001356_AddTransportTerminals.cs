using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddTransportTerminals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "transport_terminals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    UnitCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    KeyHint = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RegisteredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeyIssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transport_terminals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "terminal_travellers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TerminalId = table.Column<Guid>(type: "uuid", nullable: false),
                    TravellerName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    FatherName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    NationalId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Destination = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    DepartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VehicleRegistration = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdempotencyRequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_terminal_travellers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_terminal_travellers_transport_terminals_TerminalId",
                        column: x => x.TerminalId,
                        principalTable: "transport_terminals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_terminal_travellers_NationalId",
                table: "terminal_travellers",
                column: "NationalId");

            migrationBuilder.CreateIndex(
                name: "IX_terminal_travellers_TerminalId_DepartsAt",
                table: "terminal_travellers",
                columns: new[] { "TerminalId", "DepartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_terminal_travellers_TerminalId_IdempotencyKey",
                table: "terminal_travellers",
                columns: new[] { "TerminalId", "IdempotencyKey" },
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_terminal_travellers_UnitPath",
                table: "terminal_travellers",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_transport_terminals_KeyHash",
                table: "transport_terminals",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_transport_terminals_UnitPath",
                table: "transport_terminals",
                column: "UnitPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "terminal_travellers");

            migrationBuilder.DropTable(
                name: "transport_terminals");
        }
    }
}
