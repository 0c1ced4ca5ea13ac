"""parameters + rules + templates -> document model.

The rules decide which sections and actions a plan has and in what order; templates write their
text; targets, projects and responsible units are placed by the rules (indicator section/task), so
a user's own templates cannot lose them.
"""

from __future__ import annotations

from ..errors import DrafterError
from ..model import Document, Notice, Section, task_id
from ..numbering import number_text
from .params import Names, PlanParams, Target
from .localize import place_districts, place_features
from .phrasing import Phraser
from ..rules import Rules, SectionRule, TaskRule
from .sandbox import Helper
from .templating import Templates, parse_rendered, plan_budget, templates_for

LANGUAGES = ("zh", "en")
_MODEL_LANG = {"zh": "zh-Hans", "en": "en"}


def template_name(section_id: str) -> str:
    """action:transport -> actions/transport.j2, other:talent_x -> other/talent_x.j2, preamble -> preamble.j2"""
    prefix, _, name = section_id.rpartition(":")
    folder = {"action": "actions/", "other": "other/", "": ""}[prefix]
    return f"{folder}{name}.j2"


def placeholder(lang: str, what: str, rules: Rules) -> str:
    """What is written where a fact is missing (rules/wording.yaml `placeholder`)."""
    return getattr(rules.wording.placeholder, lang).write(what)


class Composer:
    def __init__(self, params: PlanParams, rules: Rules, lang: str, templates: Templates) -> None:
        if lang not in LANGUAGES:
            raise DrafterError(f"unsupported language '{lang}'", fix="use zh or en")
        self.params, self.rules, self.lang, self.templates = params, rules, lang, templates
        self.words = rules.wording
        self.phraser = Phraser(rules, params, lang)
        self._local: set[int] = set()  # the sections a target or project was placed in
        self.context = self._context()

    # -- words -----------------------------------------------------------------------------
    def placeholder(self, what: str) -> str:
        return placeholder(self.lang, what, self.rules)

    def name(self, names: Names | None, what: str) -> str:
        if names is None:
            return self.placeholder(what)
        text = names.zh if self.lang == "zh" else names.en
        if text:
            return text
        other = names.en if self.lang == "zh" else names.zh
        return self.placeholder(self._missing.other_language.format(name=other))

    @property
    def _missing(self):
        return getattr(self.words.missing, self.lang)

    def join(self, items: list[str]) -> str:
        """A list in running text: 'a, b and c' where the rules give the last join."""
        last = getattr(self.words.list_last or self.words.list_join, self.lang)
        if len(items) < 2:
            return self.listed(items)
        return self.listed(items[:-1]) + last + items[-1]

    def mark_local(self, section: Section) -> None:
        """A section given a local fact (a target, project, feature or district) needs no prompt."""
        self._local.add(id(section))

    @property
    def coastal(self) -> bool:
        return self.params.locality.coastal or any(self.rules.features[f].coastal for f in self.params.features)

    def listed(self, items: list[str]) -> str:
        """A list of names as a tag lists them: every item joined alike."""
        return getattr(self.words.list_join, self.lang).join(items)

    def _context(self) -> dict:
        """What templates see: plain data (`p` is the parameters as JSON data, never the model,
        whose methods read files and unpickle) and the helper functions, wrapped as Helpers,
        the only callables the sandbox lets a template call."""
        p, lang = self.params, self.lang
        industries = [self.rules.industry(i) for i in p.key_industries]
        level = self.words.levels[p.locality.level]
        return {
            "lang": lang,
            "p": p.model_dump(mode="json"),
            "level": p.locality.level,
            "place": self.name(p.locality.name, "locality name"),
            "province": self.name(p.locality.province, "province"),
            "superior": self.name(p.superior, "superior government"),
            "authority": self.name(p.authority_in(self.rules), "issuing authority"),
            "report_to": self.name(p.report_to, "bureau") if p.report_to else None,
            "scope": getattr(level.scope, lang),
            "subunits": getattr(level.subunits, lang),
            "coastal": self.coastal,
            "peak_year": p.peak_year,
            "baseline_year": p.baseline_year,
            "industry_names": self.join([getattr(i.name, lang) for i in industries]),
            "has_industry": Helper(lambda iid: iid in p.key_industries),
            "placeholder": Helper(self.placeholder),
            "join": Helper(self.join),
            "task": Helper(self._task),
            "sector_tasks": Helper(self._sector_tasks),
            "objectives": Helper(self._objectives),
        }

    # -- template helpers --------------------------------------------------------------------
    def _enabled(self, task: TaskRule) -> bool:
        when = task.when
        if when.coastal is not None and when.coastal != self.coastal:
            return False
        if when.industry_any and not set(when.industry_any) & set(self.params.key_industries):
            return False
        return True

    def _task_rule(self, tid: str) -> TaskRule:
        for owner in [a.tasks for a in self.rules.actions] + list(self.rules.section_tasks.values()):
            for task in owner:
                if task.id == tid:
                    return task
        raise DrafterError(f"task '{tid}' is not in the rules", fix="use a task id that "
                           "`drafter rules` lists, or write '## Title' for a task of your own")

    def _task(self, tid: str, caller=None) -> str:
        rule = self._task_rule(tid)
        if not self._enabled(rule):
            return ""
        body = caller() if caller else ""
        return f"\n\n## {getattr(rule.title, self.lang)} {{#{task_id(tid)}}}\n\n{body}\n\n"

    def _sector_tasks(self, here: str) -> str:
        # Sector tasks sit in the key-industries action when the plan has one (included, or in the
        # plan's own list of actions), else under industry.
        owner = "action:key_industries" if "action:key_industries" in self._actions() else "action:industry"
        if here != owner:
            return ""
        out = []
        for iid in self.params.key_industries:
            industry = self.rules.industry(iid)
            if not industry.sector_task:
                continue
            body = self.templates.render(f"industries/{iid}.j2", self.context)
            out.append(f"\n\n## {getattr(industry.task, self.lang)} {{#{task_id('sector:' + iid)}}}\n\n{body}\n\n")
        return "".join(out)

    def _objectives(self, year: int, tail: str | None = None) -> str:
        """The target sentence of a main-objectives phase: headline targets, placeholders for the
        expected ones that are missing, and the carbon-peak commitment at the peak horizon."""
        order = {iid: i for i, iid in enumerate(self.rules.indicator_ids)}
        targets = sorted((t for t in self._targets_for("main_objectives") if t.year == year),
                         key=lambda t: order[t.indicator])  # catalogue order, whatever the parameters' order
        clauses = [self.phraser.clause(t) for t in targets if t.indicator != "carbon_peak_year"]
        given = {t.indicator for t in targets}
        for iid in self.rules.phrasing.horizons.get(year, []):
            if iid not in given:
                clauses.append(self.phraser.placeholder(iid, year))
        peak = next((t for t in targets if t.indicator == "carbon_peak_year"), None)
        if year == max(self.rules.phrasing.horizons, default=2030):
            in_step = next((t for t in self._targets_for("main_objectives")
                            if t.indicator == "carbon_peak_year" and t.year is None), None)
            peak = peak or in_step or Target(indicator="carbon_peak_year", year=year, value=self.params.peak_year,
                                             qualifier="before")
        if peak:
            clauses.append(self.phraser.clause(peak))
        if not clauses:
            return tail or ""
        return self.phraser.sentence(year, clauses, tail)

    # -- targets, projects, units ----------------------------------------------------------
    def _targets_for(self, section: str) -> list[Target]:
        return [t for t in self.params.targets if self.rules.indicator(t.indicator).section == section]

    # -- structure -------------------------------------------------------------------------
    def _included(self, rule_id: str, status: str) -> bool:
        if rule_id in self.params.exclude:
            return False
        return status != "optional" or rule_id in self.params.include

    def _actions(self) -> list[str]:
        if self.params.actions is not None:
            return list(self.params.actions)
        chosen = [a.id for a in self.rules.actions if self._included(a.id, a.status)]
        order = self.params.action_order
        if order is None:
            return chosen
        if sorted(order) != sorted(chosen):
            missing = sorted(set(chosen) - set(order))
            extra = sorted(set(order) - set(chosen))
            raise DrafterError("action_order must list every included action exactly once"
                               + (f"; missing {', '.join(missing)}" if missing else "")
                               + (f"; not included {', '.join(extra)}" if extra else ""),
                               place="action_order", fix="add the missing ones or include/exclude actions")
        return list(order)

    def _render_section(self, sid: str, template: str, level: int, title: str) -> Section:
        # Templates may adapt to the subsections the plan has (a chapter without any writes more).
        self.context["subsections"] = [c.id for c in self.rules.children(sid) if self._included(c.id, c.status)]
        block = parse_rendered(self.templates.render(template, self.context), self.lang)
        section = Section(id=sid, level=level, title=title, paragraphs=block.paragraphs)
        for cid, ctitle, paras in block.children:
            section.children.append(Section(id=cid, level=level + 1, title=ctitle, paragraphs=paras))
        return section

    def _title(self, sid: str, standard) -> str:
        """The locality's own title of a section or action (parameter `titles`), else the rules'."""
        own = self.params.titles.get(sid)
        return getattr(own, self.lang, None) or getattr(standard, self.lang)  # a title in one language keeps the other

    def _section(self, rule: SectionRule, level: int) -> Section:
        section = self._render_section(rule.id, template_name(rule.id), level, self._title(rule.id, rule.title))
        if rule.id == "key_tasks":
            for aid in self._actions():
                action = self.rules.action(aid)
                section.children.append(self._render_section(
                    aid, template_name(aid), level + 1, self._title(aid, action.title)))
        for child in self.rules.children(rule.id):
            if self._included(child.id, child.status):
                section.children.append(self._section(child, level + 1))
        if not section.paragraphs and not section.children:
            section.paragraphs.append(self.placeholder(section.title))
        return section

    def _top_level(self) -> list[Section]:
        out = []
        for rule in self.rules.children(None):
            if not rule.numbered:
                continue
            if self._included(rule.id, rule.status):
                out.append(self._section(rule, 1))
            else:
                # e.g. a county plan without general requirements keeps its main objectives at top level
                for child in self.rules.children(rule.id):
                    if child.promote_without_parent and self._included(child.id, child.status):
                        out.append(self._section(child, 1))
        return out

    # -- placement ------------------------------------------------------------------------
    def _place_targets(self, doc: Document) -> None:
        # One sentence per holder and year, in the order the parameters give them.
        groups: dict[tuple[int, int | None], tuple[Section, list[Target]]] = {}
        for target in self.params.targets:
            ind = self.rules.indicator(target.indicator)
            if ind.section == "main_objectives" and (target.year is not None or ind.kind == "year"):
                continue  # stated in the objectives of its year (the peak: of the peak horizon)
            holder = ((doc.find(task_id(ind.task)) if ind.task else None) or doc.find(ind.section)
                      or doc.find("main_objectives"))
            groups.setdefault((id(holder), target.year), (holder, []))[1].append(target)
        for (_, year), (holder, targets) in groups.items():
            self.mark_local(holder)
            holder.paragraphs.append(self.phraser.sentence(year, [self.phraser.clause(t) for t in targets]))

    def _place_projects(self, doc: Document) -> None:
        by_holder: dict[int, tuple[Section, list[str]]] = {}
        for project in self.params.projects:
            holder = (doc.find(task_id(project.task)) if project.task else None) or doc.find(project.action)
            if holder is None:
                raise DrafterError(f"project '{project.name.zh}' belongs to {project.action}, "
                                   "which this plan does not include", place="projects",
                                   fix="include the action or move the project")
            by_holder.setdefault(id(holder), (holder, []))[1].append(self._project(project))
        words = getattr(self.words.projects, self.lang)
        for holder, items in by_holder.values():
            self.mark_local(holder)
            holder.paragraphs.append(words.sentence.format(items=words.join.join(items)))

    def _project(self, project) -> str:
        """A project's name, then its figures and completion year in brackets."""
        words = getattr(self.words.projects, self.lang)
        text = self.name(project.name, "project name")
        details = []
        if project.figures:
            details.append(self.name(project.figures, "figures"))
        if project.year:
            details.append(words.completed.format(year=project.year))
        if details:
            text += words.details.format(details=words.details_join.join(details))
        return text

    def _place_units(self, doc: Document) -> None:
        for key, units in self.params.responsible_units.items():
            names = self.listed([self.name(u, "unit") for u in units])
            tag = getattr(self.words.responsible_units, self.lang).format(names=names)
            holder = doc.find(key) or doc.find(task_id(key))
            if holder is None:
                continue  # the action or task is not in this plan
            tasks = holder.children if holder.id.startswith("action:") and holder.children else [holder]
            for task in tasks:
                if task.paragraphs:
                    task.paragraphs[-1] += tag
                else:
                    task.paragraphs.append(tag.strip())

    def _prompt_local_facts(self, doc: Document) -> None:
        """A task that states no local target or project asks for the facts only the office has, so
        the draft never looks finished when it is generic."""
        what = self._missing.local_facts
        if not self.params.prompts or not what:
            return
        for section in doc.walk():
            if section.kind == "task" and id(section) not in self._local:
                section.paragraphs.append(self.placeholder(what))

    # -- numbering ------------------------------------------------------------------------
    def _number(self, doc: Document) -> None:
        continuous = self.params.task_numbering == "continuous"
        task_counter = 0
        for i, top in enumerate(doc.sections, 1):
            top.number = number_text(self.lang, 1, i, self.rules.numbering)
            for j, child in enumerate(top.children, 1):
                child.number = number_text(self.lang, 2, j, self.rules.numbering)
                for k, grand in enumerate(child.children, 1):
                    if top.id == "key_tasks" and continuous:
                        task_counter += 1
                        k = task_counter
                    grand.number = number_text(self.lang, 3, k, self.rules.numbering)

    # -- the whole document -----------------------------------------------------------------
    def compose(self) -> Document:
        p, lang = self.params, self.lang
        title = self.templates.render("title.j2", self.context).strip()
        self.context["plan_title"] = title
        form = getattr(self.words.placeholder, lang)
        doc = Document(language=_MODEL_LANG[lang], title=title, marks=(form.open, form.close))
        doc.preamble = parse_rendered(self.templates.render("preamble.j2", self.context), lang).paragraphs
        doc.sections = self._top_level()
        self._place_targets(doc)
        self._place_projects(doc)
        place_features(self, doc)
        place_districts(self, doc)
        self._prompt_local_facts(doc)
        self._place_units(doc)
        self._number(doc)
        if "notice" not in p.exclude:
            doc.notice = self._notice()
        return doc

    def _notice(self) -> Notice:
        p, lang = self.params, self.lang
        d = p.issue_date
        date = self.words.write_date(lang, d.year, d.month, d.day) if d else self.placeholder(self._missing.issue_date)
        addressees = self.join([self.name(a, "addressee") for a in p.addressees]) if p.addressees \
            else self.placeholder(self._missing.addressees)
        start = getattr(self.words.addressees_start, lang) if self.words.addressees_start and p.addressees else ""
        addressees = start + addressees + getattr(self.words.addressees_end, lang)
        letterhead = {True: "red", False: ""}.get(p.letterhead, p.letterhead)
        return Notice(
            title=self.templates.render("notice_title.j2", self.context).strip(),
            addressees=addressees,
            body=parse_rendered(self.templates.render("notice.j2", self.context), lang).paragraphs,
            authority=self.context["authority"],
            date=date,
            document_number=p.document_number,
            letterhead=letterhead,
            copy_to=[self.name(c, "copy_to") for c in p.copy_to],
            printed_by=self.name(p.printed_by, "printed_by") if p.printed_by else self.context["authority"],
            printed_date=date,
        )


def compose(params: PlanParams, rules: Rules, lang: str, templates_dir=None) -> Document:
    rules = rules.with_indicators(params.indicators)
    with plan_budget():  # user templates cannot make a plan too big to write
        return Composer(params, rules, lang, templates_for(lang, templates_dir)).compose()
