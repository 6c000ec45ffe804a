from .captcha import ImageChallenge, SpentChallenge
from .comment import Comment, CommentFlag, CommentStatus
from .moderation import Ban, WordFilterRule
from .policy import CommentPolicyPage, PolicyClause
from .reaction import Reaction

__all__ = [
    "Ban",
    "Comment",
    "CommentFlag",
    "CommentPolicyPage",
    "CommentStatus",
    "ImageChallenge",
    "PolicyClause",
    "Reaction",
    "SpentChallenge",
    "WordFilterRule",
]
