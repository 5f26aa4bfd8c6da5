"""Norwegian stop words, the one list every app uses (pure module: no Django, no other app).

- :data:`STOPWORDS`: function words of bokmål and nynorsk (and the commonest English ones) that
  say nothing about what a text is about. The matching engine (``samskap.matching.textnorm``)
  drops them, and the similar-cases fallback (``samskap.knowledge.similarity``) ignores them.
  The matching benchmark was measured with exactly this list: adding Norwegian words changes its
  figures (docs/benchmarks.md), so an app that wants to ignore more words adds them itself.
- :data:`CONNECTIVES`: the few of them that only link other words (articles, "og", "som",
  prepositions). A label still means the same without them, which is not true of every stop word
  ("uten", "ikke", "alle"); theme labels are compared without them (``samskap.workshops.regimport``).
"""

from __future__ import annotations

__all__ = ["CONNECTIVES", "STOPWORDS"]

CONNECTIVES: frozenset[str] = frozenset("og om i for av på til ved med en et ei å som the and of in on to a".split())

#: NLTK's Norwegian list (bokmål and nynorsk; bm25s ships it as ``STOPWORDS_NORWEGIAN``)
_NLTK_NORWEGIAN = """
    alle at av bare begge ble blei bli blir blitt både båe da de deg dei deim deira deires dem den denne
    der dere deres det dette di din disse ditt du dykk dykkar då eg ein eit eitt eller elles en enn er
    et ett etter for fordi fra før ha hadde han hans har hennar henne hennes her hjå ho hoe honom hoss
    hossen hun hva hvem hver hvilke hvilken hvis hvor hvordan hvorfor i ikke ikkje ingen ingi inkje inn
    inni ja jeg kan kom korleis korso kun kunne kva kvar kvarhelst kven kvi kvifor man mange me med
    medan meg meget mellom men mi min mine mitt mot mykje ned no noe noen noka noko nokon nokor nokre nå
    når og også om opp oss over på samme seg selv si sia sidan siden sin sine sitt sjøl skal skulle slik
    so som somme somt så sånn til um upp ut uten var vart varte ved vere verte vi vil ville vore vors
    vort vår være vært å
"""
#: function words and abbreviations it lacks
_MORE_NORWEGIAN = """
    mye meir mer kor korleis kvifor òg og dessutan blant ei eit ein eitt elles difor derfor
    dersom sjølv sjølve selve berre bare heller eventuelt evt osv mv bl ca feks f.eks
    enno ennå framleis fortsatt svært veldig meget litt mykje gjerne kanskje også
    samt mens medan hos via per pr
"""
_ENGLISH = """
    the of and to in on a about also been from have into more other than that their them there they
    this were what when which with
"""

STOPWORDS: frozenset[str] = CONNECTIVES | frozenset((_NLTK_NORWEGIAN + _MORE_NORWEGIAN + _ENGLISH).split())
