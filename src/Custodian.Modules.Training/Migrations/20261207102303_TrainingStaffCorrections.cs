using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Training.Migrations
{
    /// <inheritdoc />
    internal partial class TrainingStaffCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "training_corrections",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    trainee_id = table.Column<Guid>(nullable: false),
                    enrolment_id = table.Column<Guid>(nullable: true),
                    field = table.Column<string>(maxLength: 40, nullable: false),
                    earlier_value = table.Column<byte[]>(nullable: true),
                    corrected_by = table.Column<string>(maxLength: 80, nullable: false),
                    corrected_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_corrections", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_corrections_training_trainees_trainee_id",
                        column: x => x.trainee_id,
                        principalTable: "training_trainees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_training_corrections_trainee_id",
                table: "training_corrections",
                column: "trainee_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "training_corrections");
        }
    }
}
