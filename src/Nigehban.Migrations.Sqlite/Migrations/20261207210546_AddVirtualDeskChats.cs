using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddVirtualDeskChats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TranscriptSealed",
                table: "protection_cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "virtual_desk_chats",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    NameSealed = table.Column<string>(type: "TEXT", maxLength: 544, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastMessageAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FirstAnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredWithinTarget = table.Column<bool>(type: "INTEGER", nullable: true),
                    OfficerAccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OfficerUserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CaseReference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    MessageCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_virtual_desk_chats", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "virtual_desk_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChatId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    FromCitizen = table.Column<bool>(type: "INTEGER", nullable: false),
                    OfficerUserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    TextSealed = table.Column<string>(type: "TEXT", maxLength: 16064, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_virtual_desk_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_virtual_desk_messages_virtual_desk_chats_ChatId",
                        column: x => x.ChatId,
                        principalTable: "virtual_desk_chats",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_virtual_desk_chats_CodeHash",
                table: "virtual_desk_chats",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_virtual_desk_chats_UnitPath_Status_StartedAt",
                table: "virtual_desk_chats",
                columns: new[] { "UnitPath", "Status", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_virtual_desk_messages_ChatId_Sequence",
                table: "virtual_desk_messages",
                columns: new[] { "ChatId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "virtual_desk_messages");

            migrationBuilder.DropTable(
                name: "virtual_desk_chats");

            migrationBuilder.DropColumn(
                name: "TranscriptSealed",
                table: "protection_cases");
        }
    }
}
