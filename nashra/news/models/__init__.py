from .article import ArticleAuthor, ArticleCorrection, ArticlePage, ArticleTag, CorrectionType
from .author import AuthorIndexPage, AuthorPage
from .breaking import BreakingBanner
from .home import HomePage
from .section import SectionPage
from .standard import StandardPage

__all__ = [
    "ArticleAuthor",
    "ArticleCorrection",
    "ArticlePage",
    "ArticleTag",
    "AuthorIndexPage",
    "AuthorPage",
    "BreakingBanner",
    "CorrectionType",
    "HomePage",
    "SectionPage",
    "StandardPage",
]
