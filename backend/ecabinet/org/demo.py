"""The demo organisation of the contract: the Government Office's units named in
shared/seed (the 2019 conclusion notice) and the demo logins. Idempotent."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ecabinet.authz.principal import Clearance, Principal, Role
from ecabinet.org import service
from ecabinet.org.models import OrgUnit, User

UNITS: list[tuple[str, str, str | None, str | None]] = [
    # code, name, short name, parent
    ("VPCP", "Văn phòng Chính phủ", "VPCP", None),
    ("CKSTTHC", "Cục Kiểm soát thủ tục hành chính", "Cục KSTTHC", "VPCP"),
    ("VTCCB", "Vụ Tổ chức cán bộ", "Vụ TCCB", "VPCP"),
    ("VTH", "Vụ Tổng hợp", "Vụ TH", "VPCP"),
    ("VHC", "Vụ Hành chính", "Vụ HC", "VPCP"),
    ("VQHQT", "Vụ Quan hệ quốc tế", "Vụ QHQT", "VPCP"),
    ("CQT", "Cục Quản trị", "Cục QT", "VPCP"),
    ("CTTDTCP", "Cổng Thông tin điện tử Chính phủ", "Cổng TTĐT", "VPCP"),
    ("TTTH", "Trung tâm Tin học", "TTTH", "VPCP"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    unit: str
    position: str
    roles: tuple[Role, ...]
    clearance: Clearance


C, R = Clearance, Role
USERS: list[DemoUser] = [
    DemoUser("admin", "Quản trị hệ thống", "TTTH", "Quản trị viên", (R.ADMIN,), C.SECRET),
    DemoUser(
        "chair",
        "Mai Tiến Dũng",
        "VPCP",
        "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ; Trưởng Ban Chỉ đạo",
        (R.CABINET_MEMBER, R.UNIT_HEAD),
        C.TOP_SECRET,
    ),
    DemoUser(
        "member1",
        "Nguyễn Văn An",
        "CKSTTHC",
        "Cục trưởng Cục Kiểm soát TTHC",
        (R.CABINET_MEMBER, R.UNIT_HEAD),
        C.SECRET,
    ),
    DemoUser(
        "member2",
        "Trần Thị Bình",
        "VTCCB",
        "Vụ trưởng Vụ Tổ chức cán bộ",
        (R.CABINET_MEMBER, R.UNIT_HEAD),
        C.SECRET,
    ),
    DemoUser(
        "member3",
        "Lê Văn Cường",
        "VTH",
        "Vụ trưởng Vụ Tổng hợp",
        (R.CABINET_MEMBER, R.UNIT_HEAD),
        C.SECRET,
    ),
    DemoUser(
        "member4",
        "Phạm Thị Dung",
        "VHC",
        "Vụ trưởng Vụ Hành chính",
        (R.CABINET_MEMBER, R.UNIT_HEAD),
        C.SECRET,
    ),
    DemoUser(
        "member5",
        "Hoàng Văn Em",
        "VQHQT",
        "Vụ trưởng Vụ Quan hệ quốc tế",
        (R.CABINET_MEMBER, R.UNIT_HEAD),
        C.SECRET,
    ),
    DemoUser(
        "member6",
        "Vũ Thị Giang",
        "CQT",
        "Cục trưởng Cục Quản trị",
        (R.CABINET_MEMBER, R.UNIT_HEAD),
        C.SECRET,
    ),
    DemoUser(
        "secretary", "Đỗ Minh Hà", "VTH", "Chuyên viên Thư ký cuộc họp", (R.SECRETARY,), C.SECRET
    ),
    DemoUser(
        "hr",
        "Bùi Thị Hoa",
        "VTCCB",
        "Chuyên viên Vụ Tổ chức cán bộ",
        (R.HR_OFFICER,),
        C.CONFIDENTIAL,
    ),
    DemoUser("clerk", "Ngô Văn Khánh", "VHC", "Văn thư Vụ Hành chính", (R.CLERK,), C.CONFIDENTIAL),
    DemoUser(
        "treaty",
        "Đặng Thu Lan",
        "VQHQT",
        "Chuyên viên Vụ Quan hệ quốc tế",
        (R.TREATY_OFFICER,),
        C.CONFIDENTIAL,
    ),
    DemoUser(
        "assets", "Lý Văn Minh", "CQT", "Chuyên viên Cục Quản trị", (R.ASSET_MANAGER,), C.INTERNAL
    ),
    DemoUser(
        "staff", "Phan Thị Ngọc", "TTTH", "Chuyên viên Trung tâm Tin học", (R.STAFF,), C.INTERNAL
    ),
    DemoUser(
        "auditor", "Trịnh Quốc Phong", "VPCP", "Kiểm toán viên nội bộ", (R.AUDITOR,), C.SECRET
    ),
]


async def seed_org(*, session: AsyncSession, principal: Principal, password: str) -> dict[str, int]:
    """Create what is missing; never changes what exists (an operator may have edited it)."""
    created = {"units": 0, "users": 0}
    units: dict[str, OrgUnit] = {u.code: u for u in await session.scalars(select(OrgUnit))}
    for order, (code, name, short, parent) in enumerate(UNITS):
        if code not in units:
            units[code] = await service.create_unit(
                session=session,
                principal=principal,
                code=code,
                name=name,
                short_name=short,
                parent_id=units[parent].id if parent else None,
                sort_order=order,
            )
            created["units"] += 1
    existing = set(await session.scalars(select(User.username)))
    for u in USERS:
        if u.username in existing:
            continue
        await service.create_user(
            session=session,
            principal=principal,
            username=u.username,
            full_name=u.full_name,
            unit_id=units[u.unit].id,
            position=u.position,
            roles=[r.value for r in u.roles],
            clearance=u.clearance,
            password=password,
            check_password=False,
        )
        created["users"] += 1
    return created
