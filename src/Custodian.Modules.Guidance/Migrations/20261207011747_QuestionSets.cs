using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Guidance.Migrations
{
    /// <inheritdoc />
    internal partial class QuestionSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "guidance_answers",
                columns: table => new
                {
                    question_set_id = table.Column<Guid>(nullable: false),
                    message_text = table.Column<byte[]>(nullable: false),
                    answered_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_answers", x => x.question_set_id);
                });

            migrationBuilder.CreateTable(
                name: "guidance_question_sets",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    client_id = table.Column<Guid>(nullable: false),
                    message_text = table.Column<byte[]>(nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    link_hash = table.Column<byte[]>(nullable: false),
                    link_expires_at = table.Column<DateTime>(nullable: false),
                    sent_at = table.Column<DateTime>(nullable: false),
                    sent_by = table.Column<string>(maxLength: 80, nullable: false),
                    answered_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_question_sets", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_guidance_question_sets_client_id",
                table: "guidance_question_sets",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "IX_guidance_question_sets_link_hash",
                table: "guidance_question_sets",
                column: "link_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guidance_answers");

            migrationBuilder.DropTable(
                name: "guidance_question_sets");
        }
    }
}
