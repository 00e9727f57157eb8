from accroche.projects.models.calls import Call, Decision, Project, ProjectReport
from accroche.projects.models.teams import FollowUpTeam, TeamMember

__all__ = ["Call", "Decision", "FollowUpTeam", "Project", "ProjectReport", "TeamMember"]
