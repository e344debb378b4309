"""Actors: the knowledge base of states, people, organisations and groups, and the
resolver that maps a mention ("Indian army spokesman", "Pyongyang") to an `Actor`."""
from __future__ import annotations

from tacitus.actors.kb import KnowledgeBase, normalise
from tacitus.actors.resolve import ActorResolver, ArticleContext

__all__ = ["ActorResolver", "ArticleContext", "KnowledgeBase", "normalise"]
