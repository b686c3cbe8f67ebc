<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountForm</name>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="101" />
        <source>The two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
<context>
    <name>AccountTable</name>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="43" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="43" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="43" />
        <source>Mediator on the roster</source>
        <translation>对应的调解员（名册）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="44" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="74" />
        <source>active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="74" />
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="85" />
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="90" />
        <source>Logged in as {0}</source>
        <translation>当前登录：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="101" />
        <source>&amp;New account…</source>
        <translation>新建账户(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="102" />
        <source>&amp;Reset password…</source>
        <translation>重置密码(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="103" />
        <source>Change r&amp;ole…</source>
        <translation>修改角色(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="104" />
        <location filename="../../ui/pages/accounts_page.py" line="171" />
        <source>&amp;Deactivate</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="105" />
        <source>Change &amp;my password…</source>
        <translation>修改我的密码(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="172" />
        <source>&amp;Activate…</source>
        <translation>启用(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="175" />
        <source>You cannot deactivate the account you are logged in with</source>
        <translation>不能停用自己正在使用的账户</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="187" />
        <source>Account {0} created.</source>
        <translation>已新建账户{0}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="197" />
        <source>The password of {0} was reset.</source>
        <translation>已重置{0}的密码。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="207" />
        <source>{0} is now {1}.</source>
        <translation>{0}现在是{1}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="220" />
        <source>{0} was reactivated.</source>
        <translation>已启用{0}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="222" />
        <source>Deactivate an account</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="223" />
        <source>Deactivate {0}? They can no longer log in; their name stays in the audit trail. A director can reactivate the account with a new password.</source>
        <translation>停用{0}？停用后不能再登录；审计记录中保留其姓名。中心主任可以设置新密码重新启用。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="236" />
        <source>{0} was deactivated.</source>
        <translation>已停用{0}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="246" />
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <location filename="../../ui/dialogs/agreement_dialog.py" line="50" />
        <source>Record the agreement</source>
        <translation>登记调解协议</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/agreement_dialog.py" line="53" />
        <source>Record the written agreement</source>
        <translation>制作书面调解协议</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/agreement_dialog.py" line="85" />
        <source>Form and scope</source>
        <translation>协议形式与范围</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/agreement_dialog.py" line="90" />
        <source>Facts, issues and responsibility</source>
        <translation>纠纷事实、争议事项及各方责任</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/agreement_dialog.py" line="92" />
        <source>Agreed terms *</source>
        <translation>协议条款 *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/agreement_dialog.py" line="95" />
        <source>e.g. one payment by bank transfer</source>
        <translation>例如：银行转账一次付清</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/agreement_dialog.py" line="96" />
        <source>Manner of performance</source>
        <translation>履行方式</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/agreement_dialog.py" line="99" />
        <source>Place of performance</source>
        <translation>履行地点</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/agreement_dialog.py" line="101" />
        <source>By</source>
        <translation>截止</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/agreement_dialog.py" line="115" />
        <source>Time limit of performance</source>
        <translation>履行期限</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/agreement_dialog.py" line="117" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/agreement_dialog.py" line="124" />
        <source>Effective on (all signed and sealed)</source>
        <translation>生效日期（各方签字盖章）</translation>
    </message>
</context>
<context>
    <name>AgreementTab</name>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="188" />
        <source>Correct the agreement…</source>
        <translation>更正调解协议…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="191" />
        <source>An agreement in effect is never edited: add a supplementary agreement or a correction note.</source>
        <translation>已生效的调解协议不能修改：可以签订补充协议，或添加更正说明。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="205" />
        <source>No agreement has been recorded.</source>
        <translation>尚未登记调解协议。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="208" />
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="210" />
        <source>Effective on</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="212" />
        <source>Judicial confirmation: apply by</source>
        <translation>司法确认申请截止</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="215" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="219" />
        <source>Facts, issues and responsibility</source>
        <translation>纠纷主要事实、争议事项及各方责任</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="220" />
        <source>Agreed terms</source>
        <translation>经调解，双方自愿达成如下协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="221" />
        <source>Performance</source>
        <translation>履行方式、地点和期限</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="226" />
        <source>Manner</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="227" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="228" />
        <source>Time limit</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="246" />
        <source>Supplementary agreement of %1 (reason: %2)</source>
        <translation>%1签订的补充协议（原因：%2）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="251" />
        <source>Correction note of %1 (reason: %2)</source>
        <translation>%1的更正说明（原因：%2）</translation>
    </message>
</context>
<context>
    <name>AmountEdit</name>
    <message>
        <location filename="../../ui/widgets/amount_edit.py" line="27" />
        <source>Yuan, e.g. 40000, 4万 or 40,000.50</source>
        <translation>单位元，例如 40000、4万 或 40,000.50</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/amount_edit.py" line="65" />
        <source>In capitals: %1 (%2)</source>
        <translation>大写：%1（%2）</translation>
    </message>
</context>
<context>
    <name>Ask</name>
    <message>
        <location filename="../../ui/widgets/ask.py" line="16" />
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/ask.py" line="17" />
        <source>This form has changes that have not been saved.</source>
        <translation>此表单有尚未保存的修改。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/ask.py" line="18" />
        <source>Discard the changes?</source>
        <translation>放弃这些修改吗？</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/ask.py" line="19" />
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/ask.py" line="22" />
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/ask.py" line="35" />
        <source>Cannot do that</source>
        <translation>无法完成操作</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/ask.py" line="49" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../ui/dialogs/assign_dialog.py" line="44" />
        <source>Assign mediators</source>
        <translation>指派调解员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assign_dialog.py" line="51" />
        <source>Suggested mediators, best first. Tick the ones to assign.</source>
        <translation>推荐的调解员（最合适的在前），勾选要指派的人员。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assign_dialog.py" line="56" />
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assign_dialog.py" line="56" />
        <source>Why suggested</source>
        <translation>推荐理由</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assign_dialog.py" line="57" />
        <source>Recusal grounds</source>
        <translation>回避事由</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assign_dialog.py" line="74" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assign_dialog.py" line="87" />
        <source>There are no active mediators. Add mediators on the Mediators page first.</source>
        <translation>没有在岗的调解员。请先在“调解员”页面添加。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assign_dialog.py" line="88" />
        <source>Reason for assigning despite a recusal ground *</source>
        <translation>存在回避事由仍指派的理由 *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assign_dialog.py" line="93" />
        <source>e.g. both parties were told and agreed to keep this mediator</source>
        <translation>例如：已告知双方当事人，双方同意由该调解员调解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/assign_dialog.py" line="138" />
        <source>A ticked mediator has a recusal ground: give the reason for assigning them (for example, both parties agreed).</source>
        <translation>勾选的调解员存在回避事由：请填写仍然指派的理由（例如双方当事人同意）。</translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <location filename="../../ui/dialogs/attachment_viewer.py" line="192" />
        <source>Save a copy</source>
        <translation>另存为</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/attachment_viewer.py" line="193" />
        <source>%1 files (%2)</source>
        <translation>%1 文件 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/attachment_viewer.py" line="206" />
        <source>The file could not be saved: %1</source>
        <translation>无法保存文件：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/attachment_viewer.py" line="244" />
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/attachment_viewer.py" line="246" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/attachment_viewer.py" line="267" />
        <source>This attachment could not be shown: the file may be damaged or protected by a password. It is kept unchanged; use “Save as…” to open it elsewhere.</source>
        <translation>无法显示这个附件：文件可能已损坏或设有密码。附件原样保留；可以用“另存为…”保存后用其他程序查看。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/attachment_viewer.py" line="282" />
        <source>This attachment cannot be shown. %1</source>
        <translation>无法显示这个附件。%1</translation>
    </message>
</context>
<context>
    <name>AttachmentsTab</name>
    <message>
        <location filename="../../ui/pages/attachments_tab.py" line="51" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/pages/attachments_tab.py" line="51" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/attachments_tab.py" line="51" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/pages/attachments_tab.py" line="52" />
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/attachments_tab.py" line="52" />
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../ui/pages/attachments_tab.py" line="56" />
        <source>Add a scan…</source>
        <translation>添加扫描件…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/attachments_tab.py" line="58" />
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../ui/pages/attachments_tab.py" line="60" />
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/attachments_tab.py" line="94" />
        <source>Scans and photos: PDF, JPEG, PNG, TIFF (%1);;All files (*)</source>
        <translation>扫描件和照片：PDF、JPEG、PNG、TIFF (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/attachments_tab.py" line="93" />
        <source>Add a scan</source>
        <translation>添加扫描件</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="87" />
        <location filename="../../ui/dialogs/backup_dialogs.py" line="231" />
        <location filename="../../ui/dialogs/backup_dialogs.py" line="234" />
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="87" />
        <location filename="../../ui/dialogs/backup_dialogs.py" line="216" />
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="88" />
        <location filename="../../ui/dialogs/backup_dialogs.py" line="245" />
        <source>Practice restore</source>
        <translation>演练恢复</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="94" />
        <source>A verified backup is taken when the program closes, once a day while it is open, and before every import and upgrade.</source>
        <translation>程序关闭时、打开期间每天一次、每次导入和升级之前，都会自动备份并校验。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="96" />
        <source>Choose the backup to restore. The database now in use is first kept aside as a copy, never deleted.</source>
        <translation>请选择要恢复的备份。正在使用的数据库会先另存一份，不会被删除。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="98" />
        <source>A practice restore copies a backup into a temporary file and checks it, to prove the backups work. Nothing in the database in use changes.</source>
        <translation>演练恢复把备份恢复到一个临时文件并检查，用来证明备份确实可用。正在使用的数据库不会有任何改动。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="111" />
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="111" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="111" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="112" />
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="112" />
        <source>Verified</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="123" />
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="124" />
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="125" />
        <source>&amp;Practice restore</source>
        <translation>演练恢复(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="129" />
        <source>Other &amp;file…</source>
        <translation>其他文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="130" />
        <source>A backup somewhere else, e.g. on a USB stick</source>
        <translation>其他位置的备份，例如 U 盘上的</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="152" />
        <source>Backup folder: {0}  ·  kept: {1} daily, {2} weekly, {3} monthly</source>
        <translation>备份文件夹：{0}  ·  保留：每日 {1} 份、每周 {2} 份、每月 {3} 份</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="160" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="160" />
        <source>No: {0}</source>
        <translation>否：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="198" />
        <source>Choose a backup</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="200" />
        <source>Backups (*.mdbak);;All files (*)</source>
        <translation>备份文件 (*.mdbak);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="217" />
        <source>Replace the content of
{0}
with the backup
{1} ({2} cases)?

The database as it is now is kept aside as a copy. Open case tabs are closed and the database is opened again.</source>
        <translation>用备份
{1}（案件 {2} 件）
替换
{0}
的内容吗？

当前的数据库会先另存一份。已打开的案件标签页会关闭，数据库将重新打开。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="232" />
        <source>Backed up and verified:
{0}
({1} cases)</source>
        <translation>已备份并校验通过：
{0}
（案件 {1} 件）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="235" />
        <source>The backup was written but did not pass verification: {0}</source>
        <translation>备份已写出，但未通过校验：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="238" />
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="248" />
        <source>Practice restore…</source>
        <translation>正在演练恢复…</translation>
    </message>
</context>
<context>
    <name>BlankFormsDialog</name>
    <message>
        <location filename="../../ui/dialogs/blank_forms.py" line="16" />
        <source>Print blank forms</source>
        <translation>打印空白表格</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="37" />
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="38" />
        <source>Do not accept</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="39" />
        <source>Assign mediators</source>
        <translation>指派调解员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="40" />
        <location filename="../../ui/dialogs/session_record_dialog.py" line="79" />
        <source>Record a session</source>
        <translation>记录调解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="41" />
        <source>Record an investigation</source>
        <translation>记录调查</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="43" />
        <source>Suspend for appraisal</source>
        <translation>中止（鉴定评估）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="44" />
        <source>Resume mediation</source>
        <translation>恢复调解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="45" />
        <source>Extend the period</source>
        <translation>延长期限</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="46" />
        <source>Record the agreement</source>
        <translation>登记调解协议</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="47" />
        <source>Record the written agreement</source>
        <translation>制作书面调解协议</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="190" />
        <source>Before a mediator is assigned, a case ends only because a party cannot be reached, refuses mediation, or for another stated reason.</source>
        <translation>尚未指派调解员的案件，只能因期限内无法联系当事人、当事人明确表示不愿调解或其他说明的原因终止调解。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="235" />
        <source>Outcome at the court</source>
        <translation>法院处理结果</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="238" />
        <source>Number of the court's mediation document</source>
        <translation>人民法院调解书案号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="246" />
        <source>An entrusted case does not go to judicial confirmation: record the court's mediation document or the withdrawal.</source>
        <translation>委托调解的案件不申请司法确认：请登记人民法院出具的调解书或原告撤诉。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="49" />
        <source>Terminate mediation</source>
        <translation>终止调解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="42" />
        <source>Record undisputed facts</source>
        <translation>记录无争议事实</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="50" />
        <source>Apply for judicial confirmation</source>
        <translation>申请司法确认</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="51" />
        <source>Confirmation granted</source>
        <translation>司法确认：有效</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="52" />
        <source>Confirmation rejected</source>
        <translation>司法确认：驳回</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="53" />
        <source>Confirmation withdrawn</source>
        <translation>司法确认：撤回</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="54" />
        <source>Mediate again</source>
        <translation>重新调解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="55" />
        <source>Record a follow-up visit</source>
        <translation>记录回访</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="56" />
        <source>Apply for enforcement</source>
        <translation>申请强制执行</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="57" />
        <source>Turned to litigation</source>
        <translation>转诉讼</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="58" />
        <source>Hand over for filing</source>
        <translation>移送立案</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="59" />
        <source>Record the filing number</source>
        <translation>登记法院立案号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="60" />
        <source>Return to trial</source>
        <translation>退回审判</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="61" />
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="71" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="131" />
        <source>Accepted on</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="133" />
        <source>Accepting starts the mediation period.</source>
        <translation>受理后开始计算调解期限。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="135" />
        <location filename="../../ui/dialogs/case_actions.py" line="193" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="137" />
        <source>For example: a party expressly refuses mediation, or the dispute is outside the committee's remit.</source>
        <translation>例如：一方当事人明确拒绝调解，或纠纷不属于调解委员会受理范围。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="140" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="141" />
        <location filename="../../ui/dialogs/case_actions.py" line="156" />
        <location filename="../../ui/dialogs/case_actions.py" line="222" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="143" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="147" />
        <source>The record names you as its recorder.</source>
        <translation>记录人为当前登录的您。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="142" />
        <source>Person interviewed</source>
        <translation>被调查人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="150" />
        <source>Confirmed on</source>
        <translation>确认时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="151" />
        <source>Undisputed facts</source>
        <translation>无争议事实</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="153" />
        <source>Confirmed by</source>
        <translation>确认的当事人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="160" />
        <source>Facts no party disputes, written down with every party's consent; all parties sign the printed confirmation, which goes to the court if mediation fails.</source>
        <translation>经各方当事人同意，记载各方均无争议的事实；打印的无争议事实确认书由各方当事人签名，调解不成时随案移送人民法院。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="165" />
        <source>Suspended from</source>
        <translation>中止日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="166" />
        <source>Appraisal or assessment</source>
        <translation>鉴定或评估事项</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="169" />
        <source>The mediation clock stops while the appraisal runs.</source>
        <translation>鉴定评估期间调解期限暂停计算。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="171" />
        <source>Resumed on</source>
        <translation>恢复日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="175" />
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="177" />
        <source>Consent recorded</source>
        <translation>已记录各方同意</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="184" />
        <source>An extension needs the consent of every party.</source>
        <translation>延长期限须经各方当事人同意。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="195" />
        <source>Account of the mediation</source>
        <translation>调解情况</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="200" />
        <source>Applied on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="201" />
        <source>Court</source>
        <translation>法院</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="205" />
        <source>Both parties apply jointly within 30 days of the agreement taking effect.</source>
        <translation>双方当事人应自协议生效之日起30日内共同申请。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="209" />
        <source>Ruling number</source>
        <translation>裁定书文号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="211" />
        <source>e.g. (2026)鲁0303民特12号</source>
        <translation>例如：（2026）鲁0303民特12号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="217" />
        <source>Visited on</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="218" />
        <source>Performance</source>
        <translation>履行情况</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="220" />
        <source>Satisfaction (1-5)</source>
        <translation>满意度（1-5）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="227" />
        <source>Court filing number</source>
        <translation>法院立案号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="229" />
        <location filename="../../ui/dialogs/case_actions.py" line="239" />
        <source>e.g. (2026)鲁0303民初88号</source>
        <translation>例如：（2026）鲁0303民初88号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/case_actions.py" line="254" />
        <source>Hand the materials and the undisputed facts to the court.</source>
        <translation>将材料及无争议事实移送法院。</translation>
    </message>
</context>
<context>
    <name>CaseDetailView</name>
    <message>
        <location filename="../../ui/pages/case_detail_view.py" line="103" />
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail_view.py" line="104" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail_view.py" line="105" />
        <source>Timeline</source>
        <translation>办理经过</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail_view.py" line="106" />
        <source>Agreement</source>
        <translation>调解协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail_view.py" line="107" />
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail_view.py" line="108" />
        <source>Follow-up visits</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail_view.py" line="112" />
        <source>Actions</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>CaseDetailWidget</name>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="48" />
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="101" />
        <source>No running deadline</source>
        <translation>未在计时</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="103" />
        <source>Suspended: the clock is stopped</source>
        <translation>已中止：期限暂停计算</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/case_detail.py" line="105" />
        <source>Overdue by %n day(s)</source>
        <translation>
            <numerusform>已超期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="107" />
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/case_detail.py" line="109" />
        <source>Due soon: %n day(s) left</source>
        <translation>
            <numerusform>即将到期：剩 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/case_detail.py" line="111" />
        <source>%n day(s) left</source>
        <translation>
            <numerusform>剩 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="113" />
        <source> (until %1)</source>
        <translation>（至%1）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="114" />
        <source>Mediation period: %1</source>
        <translation>调解期限：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="116" />
        <location filename="../../ui/pages/case_detail.py" line="129" />
        <source> (holiday arrangement estimated)</source>
        <translation>（节假日安排为推算）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="127" />
        <source>Judicial confirmation: apply by %1</source>
        <translation>司法确认申请截止：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="142" />
        <source>⚠ Assigned despite a recusal ground: %1. Mediators: %2; assigned by %3 on %4; reason given: %5</source>
        <translation>⚠ 存在回避事由仍予指派：%1。调解员：%2；指派人：%3，%4；理由：%5</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="149" />
        <source>A mediator with a recusal ground continues only if the ground was disclosed and both parties agreed (SIM Art 15, OMR Art 13); a party may ask for another mediator.</source>
        <translation>有回避事由的调解员，须向双方当事人披露并经双方同意方可继续调解（特邀调解规定第十五条、在线调解规则第十三条）；当事人可以要求更换调解员。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="154" />
        <source>This deadline depends on a year whose holiday arrangement has not been entered yet; it was computed from the statutory holidays. Enter the State Council notice under Settings → Holiday calendar.</source>
        <translation>该期限涉及尚未录入放假安排的年份，系按法定节假日推算。请在“设置 → 节假日安排”中录入国务院当年的通知。</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../ui/models/case_table.py" line="194" />
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="194" />
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="194" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="195" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="195" />
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="195" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="196" />
        <source>Mediators</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="196" />
        <source>Received</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="196" />
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="197" />
        <source>Center</source>
        <translation>中心/调解组织</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="209" />
        <source> (est.)</source>
        <translation>（推算）</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="214" />
        <location filename="../../ui/models/my_work_tables.py" line="132" />
        <source>⚠ Overdue {0} d</source>
        <translation>⚠ 超期{0}天</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="217" />
        <location filename="../../ui/models/my_work_tables.py" line="136" />
        <source>◔ Due today</source>
        <translation>◔ 今天到期</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="218" />
        <location filename="../../ui/models/my_work_tables.py" line="137" />
        <source>◔ {0} d left</source>
        <translation>◔ 剩{0}天</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="220" />
        <source>Paused</source>
        <translation>已暂停计时</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="222" />
        <location filename="../../ui/models/my_work_tables.py" line="139" />
        <source>{0} d left</source>
        <translation>剩{0}天</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_table.py" line="271" />
        <source>Holiday arrangement estimated: the deadline was computed from the statutory holidays because this year's notice is not entered yet.</source>
        <translation>节假日安排为推算：当年的放假通知尚未录入，期限按法定节假日推算。</translation>
    </message>
</context>
<context>
    <name>CaseTabs</name>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="130" />
        <source>satisfaction %1/5</source>
        <translation>满意度 %1/5</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="134" />
        <source>%n more day(s)</source>
        <translation>延长 %n 天</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="136" />
        <source>now due %1</source>
        <translation>现到期日 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="140" />
        <source>suspended for %n day(s)</source>
        <translation>中止 %n 天</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="137" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="140" />
        <source>Show all cases again</source>
        <translation>重新显示全部案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="167" />
        <source>{0}: {1} case(s)</source>
        <translation>{0}：{1}件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="199" />
        <source>{0} (inactive)</source>
        <translation>{0}（已停用）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="229" />
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/cases_page.py" line="292" />
        <source>At least %n case(s)</source>
        <translation>
            <numerusform>至少 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/cases_page.py" line="294" />
        <source>About %n case(s)</source>
        <translation>
            <numerusform>约 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/cases_page.py" line="296" />
        <source>%n case(s)</source>
        <translation>
            <numerusform>共 %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CasesPageView</name>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="50" />
        <source>Search names, case numbers, villages… (Ctrl+F)</source>
        <translation>搜索姓名、案号、村（社区）…（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="51" />
        <source>Search cases</source>
        <translation>搜索案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="52" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="53" />
        <source>Open cases</source>
        <translation>未结案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="55" />
        <source>Any deadline</source>
        <translation>不限期限</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="55" />
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="56" />
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="57" />
        <source>All dispute types</source>
        <translation>全部纠纷类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="59" />
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="61" />
        <source>All mediators</source>
        <translation>全部调解员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="62" />
        <source>Any flag</source>
        <translation>不限标记</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="63" />
        <source>Received from</source>
        <translation>登记起始</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="64" />
        <source>Received to</source>
        <translation>登记截止</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="65" />
        <source>All centers</source>
        <translation>全部调解组织</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="67" />
        <source>Center</source>
        <translation>中心/调解组织</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="69" />
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="70" />
        <source>New case (Ctrl+N)</source>
        <translation>登记新案件（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="79" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="79" />
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="80" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="80" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="81" />
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="81" />
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="82" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_view.py" line="82" />
        <source>To</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>CenterCountsModel</name>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="182" />
        <source>Center</source>
        <translation>中心/调解组织</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="182" />
        <source>Received</source>
        <translation>收到</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="182" />
        <source>In mediation</source>
        <translation>调解中</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="183" />
        <source>Agreed</source>
        <translation>达成协议</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="183" />
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="183" />
        <source>Handed to filing</source>
        <translation>移送立案</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="184" />
        <source>JC applied</source>
        <translation>申请司法确认</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="184" />
        <source>JC confirmed</source>
        <translation>确认有效</translation>
    </message>
</context>
<context>
    <name>ChangeKeyDialog</name>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="326" />
        <source>Change the key of a trusted desk</source>
        <translation>更换已信任单位的密钥</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="329" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="330" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="333" />
        <source>Old fingerprint</source>
        <translation>原指纹</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="334" />
        <source>New fingerprint</source>
        <translation>新指纹</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="335" />
        <source>Call the other desk. Ask them to read the fingerprint shown on their screen and type it here. The old key is then revoked and can never be trusted again.</source>
        <translation>请给对方打电话，请对方读出其屏幕上显示的指纹，并在这里输入。原密钥随即撤销，今后不能再被信任。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="348" />
        <source>Fingerprint read &amp;aloud</source>
        <translation>对方读出的指纹(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="350" />
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="352" />
        <source>Change the key</source>
        <translation>更换密钥</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="369" />
        <source>The fingerprint does not match the new card.</source>
        <translation>输入的指纹与新名片不一致。</translation>
    </message>
</context>
<context>
    <name>ClausesEditor</name>
    <message>
        <location filename="../../ui/widgets/clauses_editor.py" line="31" />
        <source>Add clause</source>
        <translation>添加条款</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/clauses_editor.py" line="50" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="123" />
        <location filename="../../ui/models/exchange_tables.py" line="127" />
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="123" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="123" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="123" />
        <source>Value here</source>
        <translation>本单位的值</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="124" />
        <source>Incoming value</source>
        <translation>对方的值</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="127" />
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="128" />
        <source>Event</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="128" />
        <source>Agreement</source>
        <translation>调解协议</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="129" />
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="129" />
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="130" />
        <source>Center</source>
        <translation>中心/调解组织</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="134" />
        <source>Facts</source>
        <translation>纠纷事实</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="134" />
        <source>Claims</source>
        <translation>申请事项</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="135" />
        <source>Title</source>
        <translation>案件名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="135" />
        <source>Amount (yuan)</source>
        <translation>争议金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="136" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="136" />
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="137" />
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="137" />
        <source>Mediators</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="138" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="138" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="139" />
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="139" />
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="140" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="140" />
        <source>Court case number</source>
        <translation>诉前调解案号</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="141" />
        <source>Filing number</source>
        <translation>立案案号</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="141" />
        <source>Ruling</source>
        <translation>裁定结果</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="78" />
        <source>Correct the session record</source>
        <translation>更正调解记录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="79" />
        <source>Correct the agreement</source>
        <translation>更正调解协议</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="98" />
        <source>Correct the record as a new version (the old one is kept)</source>
        <translation>更正记录，保存为新版本（原记录保留）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="99" />
        <source>Add a supplementary agreement, signed by the parties</source>
        <translation>签订补充协议（由各方当事人签名）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="100" />
        <source>Add a correction note (the record stays as it is)</source>
        <translation>添加更正说明（原记录不变）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="114" />
        <source>e.g. the amount was written down wrongly</source>
        <translation>例如：赔偿金额记录有误</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="115" />
        <source>Reason for the correction *</source>
        <translation>更正原因 *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="155" />
        <source>Session record of %1, version %2, recorded by %3.</source>
        <translation>%1的调解记录，第%2版，记录人：%3。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="160" />
        <source>Agreement of case %1, in effect since %2.</source>
        <translation>案件%1的调解协议，%2起生效。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="198" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="199" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="200" />
        <source>Invited participants</source>
        <translation>邀请参加人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="202" />
        <source>Record *</source>
        <translation>记录内容 *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="203" />
        <source>Result of the session</source>
        <translation>调解结果</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="211" />
        <source>The supplementary agreement changes or adds to the agreement; it takes effect when every party has signed it and the committee has sealed it. The agreement itself stays as signed.</source>
        <translation>补充协议用于变更或补充原调解协议，自各方当事人签名、人民调解委员会盖章之日起生效；原调解协议保持签署时的内容不变。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="218" />
        <source>Supplementary terms *</source>
        <translation>补充条款 *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="229" />
        <source>Signed on (all signed and sealed)</source>
        <translation>签订日期（各方签名盖章）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="237" />
        <source>Write what the record says and what it should say. The note is printed as a 更正说明 and filed with the record, which is not changed.</source>
        <translation>请写明原记载的内容和更正后的内容。本说明打印为更正说明，与原记录一并归档，原记录不作修改。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="246" />
        <source>e.g. In the second paragraph “5,000 yuan” should read “3,000 yuan”.</source>
        <translation>例如：第二段“五千元”应为“三千元”。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/correction_dialog.py" line="248" />
        <source>Correction *</source>
        <translation>更正内容 *</translation>
    </message>
</context>
<context>
    <name>CountTile</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="102" />
        <source>Show these cases</source>
        <translation>查看这些案件</translation>
    </message>
</context>
<context>
    <name>CourtDashboardPage</name>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="58" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="59" />
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="67" />
        <source>&amp;Period</source>
        <translation>期间(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="74" />
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="75" />
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="76" />
        <source>This quarter</source>
        <translation>本季</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="77" />
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="87" />
        <source>Referred</source>
        <translation>委派</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="87" />
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="88" />
        <source>Refused</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="88" />
        <source>Overdue now</source>
        <translation>当前超期未结</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="89" />
        <source>JC applied</source>
        <translation>申请司法确认</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="89" />
        <source>JC confirmed</source>
        <translation>司法确认</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="90" />
        <source>Handed to filing</source>
        <translation>移送立案</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="107" />
        <source>Referrals count in the period they were sent, accepted or refused; overdue is as of today; confirmations and hand-overs count in the period they happened. Click a number to list its cases.</source>
        <translation>委派、受理、不予受理按发生日期计入所选期间；当前超期未结为今天的状态；司法确认和移送立案按发生日期计入期间。点击数字可列出其案件。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="116" />
        <source>Court desk today</source>
        <translation>法院工作台</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_dashboard.py" line="163" />
        <source>{0} to {1}</source>
        <translation>{0}至{1}</translation>
    </message>
</context>
<context>
    <name>CourtFiguresModel</name>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="222" />
        <source>Center</source>
        <translation>中心/调解组织</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="222" />
        <source>Referred</source>
        <translation>委派</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="222" />
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="223" />
        <source>Refused</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="223" />
        <source>Overdue now</source>
        <translation>当前超期未结</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="223" />
        <source>JC applied</source>
        <translation>申请司法确认</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="224" />
        <source>JC confirmed</source>
        <translation>司法确认</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="224" />
        <source>Handed to filing</source>
        <translation>移送立案</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="228" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="248" />
        <source>Double-click or press Enter to list these cases</source>
        <translation>双击或按回车键列出这些案件</translation>
    </message>
</context>
<context>
    <name>CourtPage</name>
    <message>
        <location filename="../../ui/pages/court_page.py" line="58" />
        <source>Double-click or press Enter to list the center's cases</source>
        <translation>双击或按回车键，查看该调解组织的案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="60" />
        <source>&amp;Show its cases</source>
        <translation>查看其案件(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="63" />
        <source>Write the &amp;intake sheet with case files…</source>
        <translation>导出移送立案登记表及案卷(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="66" />
        <source>&amp;Verify a center's document…</source>
        <translation>核验调解中心文书(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="72" />
        <source>Court-referred cases of each center, as of the last imported exchange files.</source>
        <translation>各调解组织办理的法院委派、委托案件（截至最近一次导入的交换文件）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="91" />
        <source>Court liaison desk</source>
        <translation>法院联络台</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="219" />
        <source>Folder for the intake sheet and case files</source>
        <translation>选择存放移送立案登记表和案卷的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="227" />
        <source>Writing the intake sheet and case files…</source>
        <translation>正在生成移送立案登记表和案卷…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="232" />
        <source>Intake sheet written: {0} ({1} case(s)); {2} case-file PDF(s) in {3}.</source>
        <translation>已导出移送立案登记表：{0}（{1} 件）；案卷 PDF {2} 份，在 {3}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="88" />
        <source>Referrals</source>
        <translation>委派调解</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="89" />
        <source>Cases per center</source>
        <translation>各调解组织案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="103" />
        <source>&amp;Refer a case…</source>
        <translation>委派调解(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="128" />
        <source>Double-click or press Enter to open the case</source>
        <translation>双击或按回车键打开案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="137" />
        <source>Referrals this court sent, as of the last exchange file imported from each center. A referral travels with the next exchange file to its center.</source>
        <translation>本院委派的案件，状态以最近一次导入的各调解组织交换文件为准。新登记的委派随下一次向该调解组织导出的交换文件发送。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="152" />
        <source>All ({0})</source>
        <translation>全部（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/court_page.py" line="172" />
        <source>Referral saved; it goes to the center with the next exchange file.</source>
        <translation>委派已登记，将随下一次向该调解组织导出的交换文件发送。</translation>
    </message>
</context>
<context>
    <name>Cover</name>
    <message>
        <location filename="../../ui/lock.py" line="85" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="154" />
        <source>New (not yet accepted)</source>
        <translation>新登记（未受理）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="155" />
        <source>In mediation</source>
        <translation>调解中</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="156" />
        <source>Due within {0} days</source>
        <translation>{0}天内到期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="157" />
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="158" />
        <source>Awaiting judicial confirmation</source>
        <translation>待申请司法确认</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="159" />
        <source>Follow-up visits due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="160" />
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="175" />
        <source>Overdue cases</source>
        <translation>超期案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="176" />
        <source>Cases due soon</source>
        <translation>即将到期案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="188" />
        <source>Double-click a case or press Enter to open it; click a count above to list its cases.</source>
        <translation>双击案件或按回车键打开；点击上方的数字，列出对应的案件。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="194" />
        <source>Today</source>
        <translation>今日工作</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="240" />
        <source>Overdue cases ({0})</source>
        <translation>超期案件（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="241" />
        <source>Cases due soon ({0})</source>
        <translation>即将到期案件（{0}）</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="54" />
        <source>Print blank form</source>
        <translation>生成空白表格</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="55" />
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="57" />
        <source>Open in viewer</source>
        <translation>用系统程序打开</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="58" />
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="59" />
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="60" />
        <source>&amp;Verify…</source>
        <translation>核验(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="62" />
        <location filename="../../ui/pages/documents_tab.py" line="83" />
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="83" />
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="84" />
        <source>Verification code</source>
        <translation>校验码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="84" />
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="99" />
        <source>Document register (every generation is recorded)</source>
        <translation>文书登记（每次生成均有记录）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="132" />
        <source>Generating %1…</source>
        <translation>正在生成%1…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="144" />
        <source>%1 — %2 page(s), verification code %3</source>
        <translation>%1 — 共 %2 页，校验码 %3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="216" />
        <source>The file could not be written: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="220" />
        <source>No program for PDF files was found. Install a PDF viewer, or use Save as and open the file yourself.</source>
        <translation>未找到打开 PDF 文件的程序。请安装 PDF 阅读器，或“另存为”后自行打开。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="240" />
        <source>Save document</source>
        <translation>保存文书</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="241" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="250" />
        <source>The file could not be saved: %1</source>
        <translation>无法保存文件：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/documents_tab.py" line="253" />
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>EncryptDialog</name>
    <message>
        <location filename="../../ui/dialogs/encrypt_dialog.py" line="46" />
        <source>Encrypt this database</source>
        <translation>加密这个数据库</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/encrypt_dialog.py" line="48" />
        <source>This database was written by an older version and is not encrypted: anyone who copies the file can read every party's name, ID and phone number. The center's director encrypts it now and becomes its first account; the other staff get accounts from the director afterwards. A copy is verified before the old file is replaced, and plain backups are encrypted too.</source>
        <translation>这个数据库由旧版本创建，没有加密：任何人复制这个文件就能看到所有当事人的姓名、身份证号和电话。请中心主任现在加密它，并成为第一个账户；其他工作人员随后由主任建立账户。旧文件在加密副本核验无误后才被替换，未加密的备份也一并加密。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/encrypt_dialog.py" line="54" />
        <source>Director's &amp;name</source>
        <translation>主任姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/encrypt_dialog.py" line="54" />
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/encrypt_dialog.py" line="55" />
        <source>Repeat the &amp;password</source>
        <translation>再次输入密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/encrypt_dialog.py" line="68" />
        <source>at least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/encrypt_dialog.py" line="69" />
        <source>Database file: {0}</source>
        <translation>数据库文件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/encrypt_dialog.py" line="74" />
        <source>Encrypt</source>
        <translation>加密</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/encrypt_dialog.py" line="101" />
        <source>The two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/encrypt_dialog.py" line="132" />
        <source>Encrypting the database…</source>
        <translation>正在加密数据库…</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="66" />
        <source>Enroll a field laptop</source>
        <translation>登记外出调解笔记本</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="68" />
        <source>A field laptop works away from the center with one mediator's cases and exchanges them with the center by file. Choose the mediator: an enrollment file is written with the center's details, its roster and that mediator's open cases, locked with a one-time passphrase shown on the next screen.</source>
        <translation>外出调解笔记本带着一名调解员的案件在中心以外工作，通过交换文件与中心往来。请选择调解员：将生成一份登记文件，内含本中心的信息、调解员名册和该调解员在办的案件，用一次性登记口令加密，口令在下一步显示。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="78" />
        <source>&amp;Mediator</source>
        <translation>调解员(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="82" />
        <source>Write the enrollment file…</source>
        <translation>生成登记文件…</translation>
    </message>
</context>
<context>
    <name>EthnicityCombo</name>
    <message>
        <location filename="../../ui/widgets/person_fields.py" line="70" />
        <source>Pick or type, e.g. Han</source>
        <translation>选择或输入，例如：汉族</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/exchange_page.py" line="125" />
        <source>Conflicts to decide (%n)</source>
        <translation>
            <numerusform>待处理的冲突（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="166" />
        <source>Export this desk's card</source>
        <translation>导出本单位名片</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="159" />
        <source>Desk cards (*.card *.json);;All files (*)</source>
        <translation>单位名片 (*.card *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="175" />
        <source>Card written to {0}. Fingerprint: {1}</source>
        <translation>已导出单位名片：{0}。指纹：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="178" />
        <source>Trust a desk's card</source>
        <translation>选择要信任的单位名片</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="199" />
        <source>{0} ({1}) is now trusted.</source>
        <translation>已信任 {0}（{1}）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="207" />
        <source>Revoke trust</source>
        <translation>撤销信任</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="210" />
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="220" />
        <source>The key of {0} ({1}) is revoked.</source>
        <translation>已撤销对 {0}（{1}）的信任。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="333" />
        <source>Save the exchange file</source>
        <translation>保存交换文件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="162" />
        <source>Exchange files (*.mdx);;All files (*)</source>
        <translation>交换文件 (*.mdx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="97" />
        <source>This desk has no exchange keys yet: a director makes them by opening this page.</source>
        <translation>本单位还没有交换密钥：中心主任打开本页时会生成。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="208" />
        <source>Revoke the key of {0} ({1})? Its files will be refused from now on, nothing can be exported to it, and this key can never be trusted again.</source>
        <translation>撤销{0}（{1}）的密钥？此后拒收其交换文件，也不能再向其导出，这把密钥今后不能再被信任。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="229" />
        <source>The new card of {0}</source>
        <translation>{0}的新名片</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="254" />
        <source>The key of {0} ({1}) was changed; the old key is revoked.</source>
        <translation>{0}（{1}）的密钥已更换，原密钥已撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="260" />
        <source>Change this desk's keys</source>
        <translation>更换本单位密钥</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="261" />
        <source>New keys are made for this desk. Every desk you exchange with must then take your new card with 'Change key…' after comparing the fingerprint by phone; files already made for the old key cannot be read here and must be exported again.</source>
        <translation>将为本单位生成新密钥。此后每个交换单位都要在电话核对指纹后，用「更换密钥…」接受本单位的新名片；按原密钥制作的交换文件本机无法再读取，需要对方重新导出。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="264" />
        <source>Make new keys</source>
        <translation>生成新密钥</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="274" />
        <source>This desk has new keys. Export the new card and send it to every desk you exchange with.</source>
        <translation>本单位已有新密钥。请导出新名片，发给每个交换单位。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="291" />
        <source>Enroll a field laptop</source>
        <translation>登记外出调解笔记本</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="292" />
        <source>There are no active mediators. Add the mediator on the Mediators page first.</source>
        <translation>没有在职的调解员。请先在“调解员”页添加该调解员。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="302" />
        <source>Save the enrollment file</source>
        <translation>保存登记文件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="310" />
        <source>Writing and checking the enrollment file…</source>
        <translation>正在生成并校验登记文件…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="319" />
        <source>Enrollment file for {0} written to {1} (laptop {2}). When the laptop is set up, trust the card it sends back.</source>
        <translation>已为{0}生成登记文件：{1}（笔记本 {2}）。笔记本建立后，请信任它交回的单位名片。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="339" />
        <source>Exporting and verifying…</source>
        <translation>正在导出并校验…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="345" />
        <source>Exported and verified: {0} (No. {1}, {2} records). Send this file to the other desk.</source>
        <translation>已导出并校验：{0}（第 {1} 号，{2} 条记录）。请把这个文件交给对方。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="350" />
        <source>Import an exchange file</source>
        <translation>导入交换文件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="361" />
        <source>Checking the file…</source>
        <translation>正在校验文件…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="372" />
        <source>This file (No. {0} from {1}) was imported before; nothing changed.</source>
        <translation>这个文件（{1} 第 {0} 号）已经导入过，没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="375" />
        <source>Already imported</source>
        <translation>已经导入过</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="379" />
        <source>Import cancelled; nothing changed.</source>
        <translation>已取消导入，没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="383" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="391" />
        <source>This file was imported before; nothing changed.</source>
        <translation>这个文件已经导入过，没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="393" />
        <source>Imported No. {0} from {1}: {2} new, {3} updated, {4} unchanged, {5} conflicting.</source>
        <translation>已导入 {1} 第 {0} 号：新增 {2}，更新 {3}，未变 {4}，冲突 {5}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="407" />
        <source>The file was refused and nothing was imported.

{0}

Reason code: {1}</source>
        <translation>文件被拒绝，没有导入任何内容。

{0}

原因代码：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="410" />
        <source>File refused</source>
        <translation>文件被拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="426" />
        <source>Conflict decided: kept the value here.</source>
        <translation>冲突已处理：保留了本单位的值。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="427" />
        <source>Conflict decided: took the incoming value.</source>
        <translation>冲突已处理：采用了对方的值。</translation>
    </message>
</context>
<context>
    <name>ExchangePageView</name>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="50" />
        <source>Export this desk's card…</source>
        <translation>导出本单位名片…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="52" />
        <source>New keys for this desk…</source>
        <translation>更换本单位密钥…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="54" />
        <source>Enroll a field &amp;laptop…</source>
        <translation>登记外出调解笔记本(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="56" />
        <source>Set up a laptop for one mediator's work away from the center: an enrollment file, its one-time passphrase and a printable slip</source>
        <translation>为一名调解员准备外出使用的笔记本：生成登记文件、一次性登记口令和可打印的登记单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="59" />
        <source>This desk's card</source>
        <translation>本单位名片</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="61" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="62" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="63" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="64" />
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="75" />
        <source>&amp;Trust a card…</source>
        <translation>信任单位名片(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="77" />
        <source>&amp;Revoke…</source>
        <translation>撤销信任(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="79" />
        <source>Change &amp;key…</source>
        <translation>更换密钥(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="81" />
        <source>The desk has new keys: take its new card after comparing the fingerprint by phone</source>
        <translation>对方已更换密钥：电话核对指纹后接受其新名片</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="83" />
        <source>&amp;Export bundle…</source>
        <translation>导出交换文件(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="85" />
        <source>&amp;Import bundle…</source>
        <translation>导入交换文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="87" />
        <source>Trusted desks</source>
        <translation>信任名单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="103" />
        <source>Revoked keys (never trusted again)</source>
        <translation>已撤销的密钥（不再信任）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="118" />
        <source>Keep the value &amp;here</source>
        <translation>保留本单位的值(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="120" />
        <source>Take the &amp;incoming value</source>
        <translation>采用对方的值(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="122" />
        <source>Conflicts to decide</source>
        <translation>待处理的冲突</translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_view.py" line="132" />
        <source>Data exchange</source>
        <translation>数据交换</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="99" />
        <source>Export a bundle</source>
        <translation>导出交换文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="105" />
        <source>Only what the desk has not confirmed yet</source>
        <translation>只导出对方尚未确认收到的内容（增量）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="107" />
        <source>Everything (full export)</source>
        <translation>全部内容（完整导出）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="110" />
        <source>To</source>
        <translation>发给</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="111" />
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="114" />
        <source>Choose file and export…</source>
        <translation>选择保存位置并导出…</translation>
    </message>
</context>
<context>
    <name>FieldLaptopForm</name>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="237" />
        <source>the .mdx file the center gave you</source>
        <translation>中心交给您的 .mdx 登记文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="238" />
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="247" />
        <source>as printed on the enrollment slip, e.g. 7KQ2-M9XD-…</source>
        <translation>登记单上印的口令，例如 7KQ2-M9XD-…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="249" />
        <source>Open and &amp;check the file</source>
        <translation>打开并核对登记文件(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="257" />
        <source>The fingerprint is the same as on the enrollment slip</source>
        <translation>指纹与登记单上的完全一致</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="264" />
        <source>at least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="272" />
        <source>Enrollment fi&amp;le</source>
        <translation>登记文件(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="276" />
        <source>&amp;Passphrase</source>
        <translation>登记口令(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="279" />
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="280" />
        <source>Center fingerprint</source>
        <translation>中心指纹</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="283" />
        <source>Mediator's &amp;account</source>
        <translation>调解员账户(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="285" />
        <source>Pass&amp;word</source>
        <translation>密码(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="287" />
        <source>Repeat the passw&amp;ord</source>
        <translation>再次输入密码(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="302" />
        <source>The enrollment file</source>
        <translation>登记文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="303" />
        <source>Exchange files (*.mdx);;All files (*)</source>
        <translation>交换文件 (*.mdx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="322" />
        <source>{0} (code {1}), for mediator {2}; this laptop becomes {3} ({4})</source>
        <translation>{0}（代码 {1}），登记给调解员{2}；本机将成为{3}（{4}）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="350" />
        <source>Choose the enrollment file the center gave you</source>
        <translation>请选择中心交给您的登记文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="352" />
        <source>There is no file {0}</source>
        <translation>找不到文件 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="354" />
        <source>Type the passphrase printed on the slip</source>
        <translation>请输入登记单上印的登记口令</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="74" />
        <source>Welcome to Mediation Desk</source>
        <translation>欢迎使用调解工作台</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="188" />
        <source>e.g. 马尚街道矛盾纠纷调解中心</source>
        <translation>例如：马尚街道矛盾纠纷调解中心</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="190" />
        <source>letters and digits, e.g. ZD-MS</source>
        <translation>字母和数字，例如 ZD-MS</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="191" />
        <source>e.g. 马尚 → （2026）马尚调字第1号</source>
        <translation>例如：马尚 → （2026）马尚调字第1号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="187" />
        <location filename="../../ui/dialogs/first_run.py" line="192" />
        <source>e.g. 张店区人民法院</source>
        <translation>例如：张店区人民法院</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="196" />
        <source>at least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="182" />
        <source>&amp;Director's name</source>
        <translation>主任姓名(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="75" />
        <source>This computer has no mediation database yet. Choose what it will be, then enter the details to create it.</source>
        <translation>这台电脑上还没有调解数据库。请选择它的用途，再填写信息建立数据库。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="80" />
        <source>A mediation c&amp;enter</source>
        <translation>调解中心(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="81" />
        <source>A co&amp;urt desk (court liaison)</source>
        <translation>法院工作台（法院联络人使用）(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="82" />
        <source>A &amp;field laptop, from the center's enrollment file</source>
        <translation>外出调解笔记本（用中心的登记文件建立）(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="85" />
        <source>This computer will be</source>
        <translation>这台电脑用作</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="176" />
        <source>Court &amp;name</source>
        <translation>法院名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="177" />
        <source>Desk &amp;code</source>
        <translation>工作台代码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="180" />
        <source>Court c&amp;ode (法院代字)</source>
        <translation>法院代字(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="181" />
        <source>Court liaison's &amp;name</source>
        <translation>法院联络人姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="183" />
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="184" />
        <source>Repeat the pass&amp;word</source>
        <translation>再次输入密码(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="189" />
        <source>letters and digits, e.g. ZD-FY</source>
        <translation>字母和数字，例如 ZD-FY</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="193" />
        <source>as in the court's case numbers, e.g. 鲁0303</source>
        <translation>即法院案号中的代字，例如 鲁0303</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="194" />
        <source>the account of the person in charge; shown in the audit trail</source>
        <translation>负责人的账户名，记入审计记录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="209" />
        <source>The court desk sends 委派 cases to the centers and follows them; it has no mediators of its own. You can change the details later in Settings, except the desk code.</source>
        <translation>法院工作台向各调解中心委派案件并跟踪办理情况，不设调解员。以后可在“设置”中修改这些信息，工作台代码除外。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="212" />
        <source>Enter your center's details. You can change them later in Settings, except the center code.</source>
        <translation>请填写本中心的信息。以后可在“设置”中修改，中心代码除外。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="254" />
        <source>Please enter the court's name</source>
        <translation>请填写法院名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="256" />
        <source>The desk code is 2 to 32 letters, digits, underscores or hyphens</source>
        <translation>工作台代码应为2到32位字母、数字、下划线或短横线</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="259" />
        <source>Please enter the court code, e.g. 鲁0303</source>
        <translation>请填写法院代字，例如 鲁0303</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="260" />
        <source>Please enter the court liaison's name</source>
        <translation>请填写法院联络人的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="261" />
        <source>Please enter the director's name</source>
        <translation>请填写主任的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="269" />
        <location filename="../../ui/dialogs/first_run.py" line="319" />
        <source>The two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="310" />
        <source>Compare the fingerprint with the enrollment slip first; if it differs, do not go on and tell the center's director</source>
        <translation>请先核对指纹与登记单是否一致；不一致时不要继续，并告知中心主任</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="315" />
        <source>Please enter the mediator's account name</source>
        <translation>请填写调解员的账户名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="176" />
        <source>Center &amp;name</source>
        <translation>中心名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="177" />
        <source>Center &amp;code</source>
        <translation>中心代码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="178" />
        <source>Case number &amp;prefix</source>
        <translation>案号前缀(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="179" />
        <source>Linked c&amp;ourt</source>
        <translation>对接法院(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="122" />
        <source>Database file: {0}</source>
        <translation>数据库文件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="128" />
        <source>Create</source>
        <translation>创建</translation>
    </message>
</context>
<context>
    <name>FollowUpsTab</name>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="156" />
        <source>Visited</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="156" />
        <source>Performance</source>
        <translation>履行情况</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="157" />
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="157" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="158" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="158" />
        <source>Visited by</source>
        <translation>回访人</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../ui/dialogs/form_dialog.py" line="65" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/form_dialog.py" line="68" />
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/form_dialog.py" line="69" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/form_dialog.py" line="169" />
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
</context>
<context>
    <name>HeadlineModel</name>
    <message>
        <location filename="../../ui/models/report_tables.py" line="118" />
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="118" />
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="118" />
        <source>Month-on-month</source>
        <translation>环比</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="119" />
        <source>Year-on-year</source>
        <translation>同比</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="119" />
        <source>How it is counted</source>
        <translation>统计口径</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="146" />
        <source>Previous period: {0}</source>
        <translation>上期：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="149" />
        <source>Same period last year: {0}</source>
        <translation>上年同期：{0}</translation>
    </message>
</context>
<context>
    <name>HolidayCalendarBox</name>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="39" />
        <source>Holiday calendar</source>
        <translation>节假日安排</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="44" />
        <source>Deadlines roll over weekends and public holidays. A year without official data or an entered State Council notice is estimated from the statutory holidays (with make-up days); its bridge days and working weekends are unknown.</source>
        <translation>期限最后一日遇周末或节假日顺延。没有官方数据、也未录入国务院通知的年份，按法定节假日（含补假）推算，调休和连休无法推算。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="51" />
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="51" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="52" />
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="64" />
        <source>&amp;Import notice file…</source>
        <translation>导入通知文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="66" />
        <source>&amp;Enter or edit…</source>
        <translation>录入或修改(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="68" />
        <source>&amp;Delete entry</source>
        <translation>删除本机录入(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="102" />
        <source>Estimated: check the State Council notice</source>
        <translation>推算：请核对国务院通知</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="109" />
        <source>Holiday arrangement estimated</source>
        <translation>节假日安排为推算</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="128" />
        <source>%1: %2 holiday arrangement.</source>
        <translation>%1%2年节假日安排。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/holiday_calendar_box.py" line="131" />
        <source>Deadlines of %n case(s) were recomputed.</source>
        <translation>
            <numerusform>已重新计算%n件案件的期限。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="139" />
        <source>State Council notice on the %1 holidays</source>
        <translation>国务院办公厅关于%1年部分节假日安排的通知</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="145" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="154" />
        <source>Import holiday notice</source>
        <translation>导入节假日安排</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="155" />
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="164" />
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="171" />
        <source>Nothing entered at this desk for that year.</source>
        <translation>本机没有录入该年的安排。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="174" />
        <source>Delete entry</source>
        <translation>删除本机录入</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="175" />
        <source>Delete the holiday arrangement entered for %1? Its deadlines will be recomputed.</source>
        <translation>删除本机录入的%1年节假日安排？相关期限将重新计算。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/holiday_calendar_box.py" line="185" />
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
</context>
<context>
    <name>HolidayNoticeDialog</name>
    <message>
        <location filename="../../ui/dialogs/holiday_notice_dialog.py" line="44" />
        <source>Holiday arrangement</source>
        <translation>节假日安排</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/holiday_notice_dialog.py" line="55" />
        <source>&amp;Year</source>
        <translation>年份(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/holiday_notice_dialog.py" line="58" />
        <source>e.g. State Council notice on the 2027 holidays</source>
        <translation>如：国务院办公厅关于2027年部分节假日安排的通知</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/holiday_notice_dialog.py" line="61" />
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/holiday_notice_dialog.py" line="62" />
        <source>This is the whole State Council notice for the year (replaces the estimate)</source>
        <translation>这是国务院当年的完整通知（取代推算）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/holiday_notice_dialog.py" line="72" />
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/holiday_notice_dialog.py" line="72" />
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/holiday_notice_dialog.py" line="72" />
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/holiday_notice_dialog.py" line="72" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/holiday_notice_dialog.py" line="80" />
        <source>&amp;Add dates</source>
        <translation>添加日期(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/holiday_notice_dialog.py" line="82" />
        <source>&amp;Remove selected</source>
        <translation>删除所选(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/holiday_notice_dialog.py" line="118" />
        <source>e.g. Spring Festival</source>
        <translation>如：春节</translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <location filename="../../ui/dialogs/attachment_viewer.py" line="91" />
        <source>Fit to window</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/attachment_viewer.py" line="151" />
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>ImportCasesModel</name>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="297" />
        <location filename="../../ui/models/exchange_tables.py" line="311" />
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="297" />
        <location filename="../../ui/models/exchange_tables.py" line="312" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="297" />
        <source>Import</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="298" />
        <source>Changes</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="301" />
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="301" />
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="302" />
        <source>Conflicting</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="305" />
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="305" />
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="306" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="306" />
        <source>Agreement</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="307" />
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="307" />
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="311" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="312" />
        <source>Facts</source>
        <translation>事实</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="313" />
        <source>Claims</source>
        <translation>请求</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="313" />
        <source>Amount (yuan)</source>
        <translation>争议金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="314" />
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="314" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="315" />
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="315" />
        <source>Due date</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="316" />
        <source>Due date (before extensions)</source>
        <translation>原定期限</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="317" />
        <source>Closed</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="317" />
        <source>End reason</source>
        <translation>终止原因</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="318" />
        <source>End note</source>
        <translation>终止说明</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="318" />
        <source>Mediators</source>
        <translation>调解员人数</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="319" />
        <source>Court case number</source>
        <translation>法院案号</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="320" />
        <source>Filing number</source>
        <translation>立案案号</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="320" />
        <source>Ruling</source>
        <translation>裁定</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="321" />
        <source>JC due</source>
        <translation>司法确认申请期限</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="321" />
        <source>JC applied</source>
        <translation>申请司法确认日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="322" />
        <source>Follow-up due</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="323" />
        <source>Suspended since</source>
        <translation>中止日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="324" />
        <source>Days suspended</source>
        <translation>中止天数</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="325" />
        <source>Days extended</source>
        <translation>延长天数</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="325" />
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="326" />
        <source>Serial</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="326" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="327" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="327" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="328" />
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="328" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="329" />
        <source>Notes</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="329" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="355" />
        <source>New case with its records</source>
        <translation>新案件及其记录</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="370" />
        <source> (conflict: this desk's value kept)</source>
        <translation>（冲突：暂保留本机的值）</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="373" />
        <source>new {0}: {1}</source>
        <translation>新增{0}{1}条</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="375" />
        <source>deleted {0}: {1}</source>
        <translation>删除{0}{1}条</translation>
    </message>
</context>
<context>
    <name>ImportCentersModel</name>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="270" />
        <source>Center</source>
        <translation>中心/调解组织</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="270" />
        <source>New cases</source>
        <translation>新增案件</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="270" />
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="271" />
        <source>Conflicting</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="271" />
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="139" />
        <source>Import preview</source>
        <translation>导入预览</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="141" />
        <source>Bundle No. {0} from {1}. Nothing has been imported yet.</source>
        <translation>{1} 发来的第 {0} 号交换文件，校验通过。尚未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="151" />
        <source>Records in the file</source>
        <translation>文件中的记录数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="154" />
        <source>New records</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="154" />
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="155" />
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="156" />
        <source>Conflicting</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="172" />
        <source>Files No. {0} from this desk were never imported here. Their content is included in this file, but ask the other desk where they went.</source>
        <translation>来自该单位的第{0}号交换文件从未在本机导入。其内容已包含在这份文件中，但请向对方问明这些文件的去向。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="180" />
        <source>Where both desks changed the same field, this desk's value is kept and both values wait in the conflicts list for you to choose.</source>
        <translation>双方都改过的字段，暂时保留本单位的值，两个值都列在“待处理的冲突”中，由您选择。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="186" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="239" />
        <source>By center: choose a center to see its cases and what changes in each.</source>
        <translation>按调解组织：选择一个调解组织，查看其各案件及每件案件的变更内容。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="274" />
        <source>No case is added or changed</source>
        <translation>没有新增或变更的案件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="282" />
        <source>{0}: {1} case(s) added or changed</source>
        <translation>{0}：{1}件新增或变更</translation>
    </message>
</context>
<context>
    <name>LedgerButtons</name>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="256" />
        <source>Export ledger…</source>
        <translation>导出台账…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="258" />
        <source>The cases listed, as an Excel ledger (台账)</source>
        <translation>把列表中的案件导出为 Excel 台账</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="260" />
        <source>Print list…</source>
        <translation>打印台账…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="262" />
        <source>Import ledger…</source>
        <translation>导入台账…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="264" />
        <source>Bring in the cases of an Excel ledger (台账)</source>
        <translation>导入已有 Excel 台账中的案件</translation>
    </message>
</context>
<context>
    <name>LedgerExportDialog</name>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="64" />
        <source>Export ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="67" />
        <source>Cases: {0}. {1}</source>
        <translation>案件：{0}件。{1}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="71" />
        <source>Columns</source>
        <translation>导出的列</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="81" />
        <source>ID and phone numbers are written in full only for the cases whose numbers your account may see; such an export is recorded in the audit log. The others are masked.</source>
        <translation>只有您的账户可以查看完整号码的案件，身份证号码和电话才完整导出，并记入审计记录；其余案件的号码已遮蔽。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="88" />
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="107" />
        <source>Ledger {0}.xlsx</source>
        <translation>矛盾纠纷调解台账 {0}.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="115" />
        <source>Save ledger</source>
        <translation>保存台账</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="116" />
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="129" />
        <source>Choose at least one column.</source>
        <translation>请至少选择一列。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="140" />
        <source>Exporting ledger…</source>
        <translation>正在导出台账…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="146" />
        <source>Ledger exported</source>
        <translation>台账已导出</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="147" />
        <source>{0} case(s) written to
{1}</source>
        <translation>已导出{0}件案件到：
{1}</translation>
    </message>
</context>
<context>
    <name>LedgerImportDialog</name>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="57" />
        <source>Import ledger</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="63" />
        <source>&amp;Choose file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="66" />
        <source>No file chosen. Choose the XLSX of a ledger (台账) kept in Excel or WPS.</source>
        <translation>尚未选择文件。请选择用 Excel 或 WPS 保存的台账（.xlsx）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="77" />
        <source>Column in the file</source>
        <translation>台账中的列</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="77" />
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="77" />
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="82" />
        <source>Column mapping</source>
        <translation>列的对应</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="87" />
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="87" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="88" />
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="88" />
        <source>Received</source>
        <translation>收案日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="89" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="88" />
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="89" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="87" />
        <source>Errors and notes</source>
        <translation>错误和提示</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="95" />
        <source>Rows to import</source>
        <translation>要导入的行</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="100" />
        <source>1. Columns (change a guess if it is wrong)</source>
        <translation>1. 列的对应（猜得不对请改）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="107" />
        <source>2. Every row, as it would be imported</source>
        <translation>2. 逐行预览（确认导入前不写入任何内容）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="121" />
        <source>Confirm &amp;import</source>
        <translation>确认导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="147" />
        <source>Choose a ledger</source>
        <translation>选择台账文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="148" />
        <source>Excel files (*.xlsx);;All files (*)</source>
        <translation>Excel 文件 (*.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="186" />
        <source>Reading the ledger…</source>
        <translation>正在读取台账…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="193" />
        <source>{0}: sheet “{1}”, header on row {2}, {3} row(s)</source>
        <translation>{0}：工作表“{1}”，表头在第{2}行，共{3}行</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="211" />
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="216" />
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="262" />
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="278" />
        <source>(new number)</source>
        <translation>（新编案号）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="294" />
        <source>New: {0}. Already here: {1} (of which {2} differ; they are not changed). Rows with errors: {3}.</source>
        <translation>新增：{0}件。本机已有：{1}件（其中{2}件内容不同，不作修改）。有错误：{3}行。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="300" />
        <source>{0} row(s) have errors: nothing can be imported until they are corrected in the file (or the columns mapped differently).</source>
        <translation>{0}行有错误：请在台账文件中改正（或调整列的对应）后再导入，现在不会导入任何案件。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="304" />
        <source>Every case of this ledger is already here: importing it again changes nothing.</source>
        <translation>这个台账的案件本机都已有：再次导入不会改动任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_import_dialog.py" line="323" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
<context>
    <name>LedgerPrint</name>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="209" />
        <source>; the first {0} printed (export the ledger for the rest)</source>
        <translation>；只打印前{0}件（其余请导出台账后打印）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="236" />
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ledger_dialogs.py" line="239" />
        <source>Print ledger</source>
        <translation>打印台账</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/lock.py" line="119" />
        <source>Mediation Desk is locked</source>
        <translation>调解工作台已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="124" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="138" />
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="139" />
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="143" />
        <source>Log in as &amp;another user…</source>
        <translation>以其他用户登录(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="159" />
        <source>Mediation Desk was locked to protect the case data. {0}, enter your password to continue.</source>
        <translation>为保护案件数据，调解工作台已锁定。{0}，请输入密码继续。</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="167" />
        <source>Please enter your password</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="177" />
        <source>Wrong password.</source>
        <translation>密码不正确。</translation>
    </message>
</context>
<context>
    <name>Locker</name>
    <message>
        <location filename="../../ui/lock.py" line="214" />
        <source>Mediation Desk (locked)</source>
        <translation>调解工作台（已锁定）</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="53" />
        <source>Log in to Mediation Desk</source>
        <translation>登录调解工作台</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="54" />
        <source>Please log in. Every change you make is recorded under your name.</source>
        <translation>请登录。您所做的每项修改都以您的姓名记录。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="71" />
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="72" />
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="73" />
        <source>Forgot password?</source>
        <translation>忘记密码？</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="78" />
        <source>Database file: {0}</source>
        <translation>数据库文件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="84" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="115" />
        <source>Please choose or enter your name</source>
        <translation>请选择或填写您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="118" />
        <source>Please enter your password</source>
        <translation>请输入密码</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="87" />
        <source>Mediation Desk</source>
        <translation>调解工作台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="90" />
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="90" />
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="90" />
        <source>Mediators</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="91" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105" />
        <source>Case list</source>
        <translation>案件列表</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147" />
        <source>My cases</source>
        <translation>我的案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156" />
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163" />
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181" />
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194" />
        <source>&amp;New case…</source>
        <translation>登记新案件(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196" />
        <source>&amp;Find case…</source>
        <translation>查找案件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="198" />
        <source>&amp;Close case tab</source>
        <translation>关闭案件标签(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="200" />
        <source>Print &amp;blank forms…</source>
        <translation>打印空白表格(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202" />
        <source>&amp;Verify a document…</source>
        <translation>文书核验(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205" />
        <source>Back &amp;up…</source>
        <translation>备份(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="207" />
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="209" />
        <source>&amp;Practice restore…</source>
        <translation>演练恢复(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216" />
        <source>&amp;Dashboard</source>
        <translation>工作台(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216" />
        <source>&amp;Cases</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="217" />
        <source>&amp;Mediators</source>
        <translation>调解员(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="217" />
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="218" />
        <source>S&amp;tatistics</source>
        <translation>统计(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="228" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="229" />
        <source>Where is the &amp;log file?</source>
        <translation>日志文件位置(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="230" />
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="232" />
        <source>&amp;Switch user…</source>
        <translation>切换用户(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="235" />
        <source>&amp;Accounts and passwords</source>
        <translation>账户和密码(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="341" />
        <source>Exchange</source>
        <translation>交换</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="352" />
        <source>Court</source>
        <translation>法院</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410" />
        <source>The database was changed by another program; the lists were refreshed.</source>
        <translation>数据库已被其他程序修改，列表已刷新。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="416" />
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="419" />
        <source>⚠ Overdue cases: {0}</source>
        <translation>⚠ 超期案件：{0}件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="482" />
        <source>New case</source>
        <translation>新案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="562" />
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="563" />
        <source>The log file is at:
{0}</source>
        <translation>日志文件位于：
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220" />
        <source>E&amp;xchange</source>
        <translation>交换(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="223" />
        <source>&amp;Accounts</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="353" />
        <source>C&amp;ourt</source>
        <translation>法院(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150" />
        <source>M&amp;y cases</source>
        <translation>我的案件(&amp;Y)</translation>
    </message>
</context>
<context>
    <name>MediatorDialog</name>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="42" />
        <source>Edit mediator</source>
        <translation>编辑调解员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="42" />
        <source>Add mediator</source>
        <translation>添加调解员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="56" />
        <source>Full-time mediator</source>
        <translation>专职调解员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="70" />
        <source>Separate villages with 、 or commas</source>
        <translation>多个村（社区）用“、”或逗号分隔</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="73" />
        <source>Person</source>
        <translation>自然人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="73" />
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="74" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="80" />
        <source>Add relation</source>
        <translation>添加关系</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="81" />
        <source>Remove relation</source>
        <translation>删除关系</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="90" />
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="92" />
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="95" />
        <source>&amp;Specialties</source>
        <translation>擅长类型(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="96" />
        <source>&amp;Villages</source>
        <translation>负责村（社区）(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mediator_dialog.py" line="98" />
        <source>Declared relations (for recusal)</source>
        <translation>申报的亲属及利害关系（用于回避）</translation>
    </message>
</context>
<context>
    <name>MediatorsPage</name>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="89" />
        <source>&amp;Add mediator</source>
        <translation>添加调解员(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="90" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="91" />
        <location filename="../../ui/pages/mediators_page.py" line="136" />
        <source>&amp;Deactivate</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="102" />
        <source>Mediators</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="135" />
        <source>&amp;Activate</source>
        <translation>启用(&amp;A)</translation>
    </message>
</context>
<context>
    <name>MyWorkPage</name>
    <message>
        <location filename="../../ui/pages/my_work.py" line="62" />
        <source>My own cases</source>
        <translation>我承办的案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="64" />
        <source>The whole center</source>
        <translation>全中心案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="68" />
        <source>You are not on the mediators' roster under your name, so no case is assigned to you.</source>
        <translation>您的姓名不在调解员名册上，因此没有指派给您的案件。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="89" />
        <source>Double-click or press Enter to open the case</source>
        <translation>双击或按回车键打开案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="91" />
        <source>Show in the case list</source>
        <translation>在案件列表中查看</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="118" />
        <source>My cases</source>
        <translation>我的案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="141" />
        <source>No mediator is linked to this account, so no case is assigned to it.</source>
        <translation>此账户没有关联调解员，因此没有指派给它的案件。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="162" />
        <source>the whole center</source>
        <translation>全中心</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="165" />
        <source>Double-click a case or press Enter to open it. Sessions are those dated today; due soon means within {0} days.</source>
        <translation>双击案件或按回车键打开。今日调解为调解时间在今天的调解记录；即将到期指{0}天内到期。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="170" />
        <source> With this many cases only those in mediation or ended today are searched for today's sessions, hence “at least”.</source>
        <translation>因案件较多，今日调解只在调解中、中止及今天结束调解的案件中查找，故显示“至少”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="185" />
        <source>Sessions today</source>
        <translation>今日调解</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="185" />
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="186" />
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="186" />
        <source>Follow-up visits owed</source>
        <translation>应回访</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="196" />
        <source>{0} case(s)</source>
        <translation>{0}件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="198" />
        <source>{0} session(s)</source>
        <translation>{0}次</translation>
    </message>
    <message>
        <location filename="../../ui/pages/my_work.py" line="199" />
        <source>at least {0} session(s)</source>
        <translation>至少{0}次</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="142" />
        <source>New account</source>
        <translation>新建账户</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="144" />
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="146" />
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="148" />
        <source>&amp;Mediator on the roster</source>
        <translation>对应的调解员(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="151" />
        <source>First &amp;password</source>
        <translation>初始密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="152" />
        <source>Repeat the pass&amp;word</source>
        <translation>再次输入密码(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="153" />
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="157" />
        <source>Tell the person their first password in private; they can change it after logging in.</source>
        <translation>请当面告知本人初始密码；本人登录后可以修改。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="179" />
        <source>Add the mediator to the roster first (page Mediators)</source>
        <translation>请先在“调解员”页把这位调解员加入名册</translation>
    </message>
</context>
<context>
    <name>OccupationCombo</name>
    <message>
        <location filename="../../ui/widgets/person_fields.py" line="115" />
        <source>e.g. farmer, retired</source>
        <translation>例如：农民、退休人员</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="86" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="86" />
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="87" />
        <source>Court case number</source>
        <translation>法院案号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="88" />
        <source>Received on</source>
        <translation>收案日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="89" />
        <source>Accepted on</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="90" />
        <source>Mediators</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="90" />
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="91" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="109" />
        <source>Title</source>
        <translation>案件名称</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="110" />
        <source>Amount in dispute</source>
        <translation>争议金额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="111" />
        <source>Facts</source>
        <translation>纠纷事实</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="112" />
        <source>Claims</source>
        <translation>申请事项</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="121" />
        <source>Save details</source>
        <translation>保存案件信息</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="123" />
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="158" />
        <source>Not assigned yet</source>
        <translation>尚未指派</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="161" />
        <source>Ruling %1</source>
        <translation>裁定书 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="162" />
        <source>Filed as %1</source>
        <translation>立案号 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="149" />
        <source>%1 (by the court, read-only)</source>
        <translation>%1（法院填写，只读）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="153" />
        <source>Set by the court that referred the case; it cannot be changed here.</source>
        <translation>由委派法院填写，本单位不能修改。</translation>
    </message>
</context>
<context>
    <name>PageBar</name>
    <message>
        <location filename="../../ui/widgets/page_bar.py" line="29" />
        <source>◀ Previous page</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/page_bar.py" line="30" />
        <source>Next page ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/page_bar.py" line="31" />
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/page_bar.py" line="32" />
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
</context>
<context>
    <name>PartiesTab</name>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="68" />
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="68" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="68" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="68" />
        <source>ID number / credit code</source>
        <translation>身份证号/统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="69" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="69" />
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="69" />
        <source>Agent</source>
        <translation>委托代理人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="90" />
        <source>Show full numbers</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="92" />
        <source>Shows the full ID and phone numbers; the viewing is recorded in the audit log.</source>
        <translation>显示完整的身份证号和电话号码；查看行为将记入操作日志。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_tabs.py" line="117" />
        <source>Shown (logged)</source>
        <translation>已显示（已记录）</translation>
    </message>
</context>
<context>
    <name>PartyEditor</name>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="94" />
        <source>Remove party</source>
        <translation>删除当事人</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="96" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="98" />
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="103" />
        <source>Full name, or the organisation's name</source>
        <translation>姓名或单位名称</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="104" />
        <location filename="../../ui/widgets/party_editor.py" line="239" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="109" />
        <source>18-digit resident ID number</source>
        <translation>18位居民身份证号码</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="112" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="113" />
        <location filename="../../ui/widgets/party_editor.py" line="120" />
        <source>Not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="124" />
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="132" />
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="136" />
        <source>18-character unified social credit code</source>
        <translation>18位统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="138" />
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="140" />
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="142" />
        <source>Mobile or landline, e.g. 0533-1234567</source>
        <translation>手机或固定电话，例如 0533-1234567</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="143" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="145" />
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="146" />
        <source>Village or community</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="147" />
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="149" />
        <source>Has an agent (委托代理人)</source>
        <translation>有委托代理人</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="154" />
        <source>e.g. son, lawyer</source>
        <translation>例如：儿子、律师</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="157" />
        <source>Agent's name</source>
        <translation>代理人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="158" />
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="159" />
        <source>Agent's phone</source>
        <translation>代理人电话</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="160" />
        <source>Agent's ID number</source>
        <translation>代理人身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="191" />
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="198" />
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="239" />
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/party_editor.py" line="268" />
        <source>%n of 18 characters</source>
        <translation>
            <numerusform>已输入 %n/18 位</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="283" />
        <source>Born %1, %2</source>
        <translation>%1出生，%2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_editor.py" line="316" />
        <source>Party %1</source>
        <translation>当事人%1</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="117" />
        <source>Enrollment passphrase</source>
        <translation>登记口令</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="118" />
        <source>Give this passphrase to {0} in person</source>
        <translation>请把登记口令当面交给{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="125" />
        <source>The enrollment file opens only with this passphrase, once. It is shown only now and kept nowhere: print the enrollment slip (it also says what to do on the laptop) or copy the passphrase by hand. Carry the file and the slip separately.</source>
        <translation>登记文件只能用这个口令打开，且只用一次。口令只在此刻显示，程序不保存：请打印登记单（上面也写明了在笔记本上怎样做），或手抄口令。登记文件和登记单请分开携带。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="137" />
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="140" />
        <source>Laptop</source>
        <translation>笔记本</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="144" />
        <source>Enrollment file</source>
        <translation>登记文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="145" />
        <source>Center fingerprint</source>
        <translation>中心指纹</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="146" />
        <source>Save the enrollment slip (PDF)…</source>
        <translation>保存登记单（PDF）…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="153" />
        <source>I have printed the slip or written down the passphrase</source>
        <translation>我已打印登记单或抄下登记口令</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="158" />
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="192" />
        <source>enrollment slip {0}.pdf</source>
        <translation>外出调解笔记本登记单-{0}.pdf</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="194" />
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="206" />
        <source>Save the enrollment slip</source>
        <translation>保存登记单</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="195" />
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="207" />
        <source>Could not write {0}: {1}. Choose another folder.</source>
        <translation>无法写入 {0}：{1}。请换一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/enrollment_dialogs.py" line="214" />
        <source>Saved to {0}. Print it and hand it to the mediator, then delete the file (with the enrollment file it opens the laptop's set-up).</source>
        <translation>已保存到 {0}。打印后交给调解员，然后删除这个文件（它和登记文件一起就能建立笔记本）。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="230" />
        <source>Reset the password of {0}</source>
        <translation>重置{0}的密码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="231" />
        <source>Reactivate {0} with a new password</source>
        <translation>设置新密码并启用{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="232" />
        <source>Change my password ({0})</source>
        <translation>修改我的密码（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="237" />
        <source>&amp;Current password</source>
        <translation>原密码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="238" />
        <source>&amp;New password</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="239" />
        <source>Repeat the new pass&amp;word</source>
        <translation>再次输入新密码(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="241" />
        <source>The account's lockout is cleared. Tell the person the new password in private.</source>
        <translation>账户的锁定会一并解除。请当面告知本人新密码。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="251" />
        <source>Please enter your current password</source>
        <translation>请输入原密码</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="45" />
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="100" />
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <location filename="../../app.py" line="98" />
        <source>Generating demo cases…</source>
        <translation>正在生成演示案件…</translation>
    </message>
    <message>
        <location filename="../../app.py" line="247" />
        <source>Log in as another user. The open forms of {0} are closed first.</source>
        <translation>以其他用户登录。{0}打开的表单会先被关闭。</translation>
    </message>
    <message>
        <location filename="../../app.py" line="270" />
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <location filename="../../app.py" line="271" />
        <source>{0} has {1} open form(s) or case tab(s). They will be closed and unsaved changes in them are lost. Continue?</source>
        <translation>{0}还有 {1} 个打开的表单或案件标签页。它们将被关闭，其中未保存的修改会丢失。是否继续？</translation>
    </message>
    <message>
        <location filename="../../app.py" line="348" />
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../app.py" line="406" />
        <source>Mediation Desk</source>
        <translation>调解工作台</translation>
    </message>
    <message>
        <location filename="../../app.py" line="407" />
        <source>This database is already open in another window ({0}); that window was brought to the front.</source>
        <translation>该数据库已在另一个窗口中打开（{0}），已将那个窗口切换到前面。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="44" />
        <source>By hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="44" />
        <source>Daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="45" />
        <source>On closing</source>
        <translation>关闭时</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="45" />
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="46" />
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="60" />
        <source>Backup {0}
Cases: {1}. Audit entries: {2}, the last on {3}.</source>
        <translation>备份 {0}
案件 {1} 件，审计记录 {2} 条，最后一条记于 {3}。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="63" />
        <source>Restored into a temporary file and verified (integrity, structure, audit chain) in {0:.1f} s. The database in use was not changed.</source>
        <translation>已恢复到临时文件并校验通过（完整性、结构、审计链），用时 {0:.1f} 秒。正在使用的数据库没有改动。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="67" />
        <source>This backup did not pass verification: {0}</source>
        <translation>此备份未通过校验：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="70" />
        <source>It was written by an older version; it is upgraded automatically when restored.</source>
        <translation>此备份由旧版本写出，恢复时会自动升级。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="270" />
        <source>Restored from {0}: {1} cases.</source>
        <translation>已从 {0} 恢复：案件 {1} 件。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="272" />
        <source>The database as it was before is kept at
{0}</source>
        <translation>恢复前的数据库已另存为
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="279" />
        <source>Backed up {0} ({1} cases, verified)</source>
        <translation>{0} 已自动备份（案件 {1} 件，校验通过）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="345" />
        <source>Automatic backup failed: {0}</source>
        <translation>自动备份失败：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="398" />
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <location filename="../../ui/tasks.py" line="170" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>QWidget</name>
    <message>
        <location filename="../../ui/errors.py" line="77" />
        <source>Save a copy…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="98" />
        <source>Mediation Desk copy {0}.db</source>
        <translation>调解工作台副本 {0}.db</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="100" />
        <source>Save a copy of the database</source>
        <translation>另存数据库副本</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="102" />
        <source>Mediation Desk databases (*.db);;All files (*)</source>
        <translation>调解工作台数据库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="110" />
        <source>Copy saved</source>
        <translation>副本已保存</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="111" />
        <source>A complete copy of the database, with everything saved so far, is now at:
{0}
Open that copy to go on working.</source>
        <translation>数据库的完整副本（包括到目前为止保存的全部内容）已保存到：
{0}
请打开这份副本继续工作。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="52" />
        <source>Please check the input</source>
        <translation>请检查输入</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="54" />
        <source>Cannot do that</source>
        <translation>无法完成操作</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="55" />
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="56" />
        <source>Sorry, something unexpected went wrong and the last action may not have been completed. The details were written to the log file:
{0}
Please send this file to your technical contact.</source>
        <translation>抱歉，程序发生了意外错误，刚才的操作可能没有完成。详细信息已写入日志文件：
{0}
请将此文件发送给技术支持人员。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="55" />
        <source>Mediation center</source>
        <translation>调解中心</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="55" />
        <source>Court liaison desk</source>
        <translation>法院联络台</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="56" />
        <source>Field laptop</source>
        <translation>外出调解笔记本</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="299" />
        <source>e.g. the laptop was lost</source>
        <translation>例如：笔记本电脑丢失</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="308" />
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="163" />
        <source>Forgot password: use the recovery key</source>
        <translation>忘记密码：使用恢复密钥</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="164" />
        <source>Type the recovery key from the recovery key sheet kept in the center's safe. It gives a director's account a new password; the other accounts keep theirs.</source>
        <translation>请输入保存在中心保险柜里的恢复密钥单上的恢复密钥。它为中心主任的账户设置新密码；其他账户的密码不变。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="171" />
        <source>&amp;Recovery key</source>
        <translation>恢复密钥(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="172" />
        <source>&amp;Director's name</source>
        <translation>主任姓名(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="173" />
        <source>&amp;New password</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="174" />
        <source>Repeat the new &amp;password</source>
        <translation>再次输入新密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="191" />
        <source>Set the new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="211" />
        <source>Please enter the recovery key</source>
        <translation>请输入恢复密钥</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="213" />
        <source>Please enter the director's name</source>
        <translation>请填写主任的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="217" />
        <source>The two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../ui/dialogs/recovery_key_dialog.py" line="49" />
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/recovery_key_dialog.py" line="50" />
        <source>Write down or print this recovery key now</source>
        <translation>请现在抄写或打印这个恢复密钥</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/recovery_key_dialog.py" line="56" />
        <source>With the recovery key alone the database and every backup can be opened on any computer, and a director who forgot the password can set a new one. It is shown only this once and kept nowhere: print the recovery key sheet, or copy it by hand, and keep it locked in the center's safe.</source>
        <translation>仅凭恢复密钥就能在任何电脑上打开数据库和所有备份，忘记密码的主任也能用它设置新密码。它只显示这一次，任何地方都不保存：请打印恢复密钥单或手工抄写，锁在中心的保险柜里。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/recovery_key_dialog.py" line="71" />
        <source>Print the recovery key sheet…</source>
        <translation>打印恢复密钥单…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/recovery_key_dialog.py" line="77" />
        <source>I have written down or printed the recovery key</source>
        <translation>我已抄写或打印恢复密钥</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/recovery_key_dialog.py" line="81" />
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/recovery_key_dialog.py" line="113" />
        <location filename="../../ui/dialogs/recovery_key_dialog.py" line="123" />
        <source>Save the recovery key sheet</source>
        <translation>保存恢复密钥单</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/recovery_key_dialog.py" line="114" />
        <source>recovery key sheet.pdf</source>
        <translation>恢复密钥单.pdf</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/recovery_key_dialog.py" line="114" />
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/recovery_key_dialog.py" line="124" />
        <source>Could not write {0}: {1}. Choose another folder.</source>
        <translation>无法写入 {0}：{1}。请换一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/recovery_key_dialog.py" line="131" />
        <source>Saved to {0}. Print it, keep the paper in the safe, then delete the file (whoever has it can open the database).</source>
        <translation>已保存到 {0}。请打印出来放进保险柜，然后删除这个文件（拿到它的人就能打开数据库）。</translation>
    </message>
</context>
<context>
    <name>Referral</name>
    <message>
        <location filename="../../ui/models/referral_table.py" line="29" />
        <source>Sent, not yet accepted</source>
        <translation>已委派待受理</translation>
    </message>
    <message>
        <location filename="../../ui/models/referral_table.py" line="30" />
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../ui/models/referral_table.py" line="31" />
        <source>Refused</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/models/referral_table.py" line="32" />
        <source>Overdue</source>
        <translation>超期未结</translation>
    </message>
    <message>
        <location filename="../../ui/models/referral_table.py" line="33" />
        <source>Result</source>
        <translation>已有结果</translation>
    </message>
</context>
<context>
    <name>ReferralCountsModel</name>
    <message>
        <location filename="../../ui/models/referral_table.py" line="81" />
        <source>Center</source>
        <translation>调解组织</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="52" />
        <source>Refer a case to a mediation center</source>
        <translation>委派调解</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="55" />
        <source>Save the referral</source>
        <translation>保存委派</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="61" />
        <source>The referral</source>
        <translation>委派</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="68" />
        <source>Mediation center *</source>
        <translation>调解组织 *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="73" />
        <source>To be finished by *</source>
        <translation>要求调结日期 *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="86" />
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="88" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="94" />
        <source>Materials (PDF, JPEG, PNG, TIFF)</source>
        <translation>材料（PDF、JPEG、PNG、TIFF）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="102" />
        <source>e.g. (2026)鲁0303民诉前调12号</source>
        <translation>例如（2026）鲁0303民诉前调12号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="103" />
        <source>Referred on</source>
        <translation>委派日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="111" />
        <source>The referral goes to the center with the next exchange file; the center numbers it when it accepts it.</source>
        <translation>委派随下一次交换文件发给调解组织；调解组织受理时为其编调解案号。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="128" />
        <source>No trusted mediation center yet. Trust a center's card on the Exchange page first.</source>
        <translation>还没有信任的调解组织。请先在“交换”页导入并信任调解组织的单位名片。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="177" />
        <source>Default: the period of delegated mediation from the referral day, by the holiday calendar ({0}).</source>
        <translation>默认：自委派之日起按委派调解期限（30日）计算，遇节假日顺延（{0}）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="189" />
        <source>Materials for the referral</source>
        <translation>委派材料</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="190" />
        <source>Case files (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>案件材料 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="238" />
        <source>To be finished by {0}.</source>
        <translation>要求于{0}前调结。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="240" />
        <source>This date depends on a holiday year not yet published.</source>
        <translation>该日期所在年度的节假日安排尚未公布，系推算。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="255" />
        <source>Choose the mediation center</source>
        <translation>请选择调解组织</translation>
    </message>
</context>
<context>
    <name>ReferralsModel</name>
    <message>
        <location filename="../../ui/models/referral_table.py" line="40" />
        <source>Court number</source>
        <translation>法院案号</translation>
    </message>
    <message>
        <location filename="../../ui/models/referral_table.py" line="40" />
        <source>Center</source>
        <translation>调解组织</translation>
    </message>
    <message>
        <location filename="../../ui/models/referral_table.py" line="40" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../ui/models/referral_table.py" line="41" />
        <source>State</source>
        <translation>委派状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/referral_table.py" line="41" />
        <source>Status at the center</source>
        <translation>调解组织办理状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/referral_table.py" line="41" />
        <source>Referred on</source>
        <translation>委派日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/referral_table.py" line="42" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/models/referral_table.py" line="42" />
        <source>Reason or outcome</source>
        <translation>理由或结果</translation>
    </message>
</context>
<context>
    <name>RegisterCaseDialog</name>
    <message>
        <location filename="../../ui/dialogs/register_case.py" line="43" />
        <source>Register a case</source>
        <translation>登记案件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case.py" line="51" />
        <source>Save and register</source>
        <translation>保存并登记</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case.py" line="190" />
        <source>Suggested track: %1</source>
        <translation>建议程序：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case.py" line="193" />
        <source>The suggestion appears once the form is complete.</source>
        <translation>表单填写完整后显示建议。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case.py" line="201" />
        <source>None</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>RegisterCaseView</name>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="74" />
        <source>The dispute</source>
        <translation>纠纷情况</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="79" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="82" />
        <source>e.g. (2026)鲁0303民诉前调12号</source>
        <translation>例如：（2026）鲁0303民诉前调12号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="83" />
        <source>Court case number *</source>
        <translation>法院案号 *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="90" />
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="92" />
        <source>Dispute type *</source>
        <translation>纠纷类型 *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="98" />
        <source>Received on</source>
        <translation>收案日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="101" />
        <source>Optional; default: applicant and respondent</source>
        <translation>可不填；默认为“申请人与被申请人＋纠纷类型”</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="102" />
        <source>Title</source>
        <translation>案件名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="104" />
        <source>Amount in dispute</source>
        <translation>争议金额</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="111" />
        <source>What happened, briefly</source>
        <translation>简要说明纠纷经过</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="113" />
        <source>Facts *</source>
        <translation>纠纷事实 *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="117" />
        <source>What the applicant asks for</source>
        <translation>申请人的请求</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="119" />
        <source>Claims</source>
        <translation>申请事项</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="129" />
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="132" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="138" />
        <source>Add party</source>
        <translation>添加当事人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="149" />
        <source>Before saving</source>
        <translation>保存前请确认</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="151" />
        <source>Fill in the form to see the triage suggestion.</source>
        <translation>填写表单后显示分流建议。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/referral_dialog.py" line="105" />
        <location filename="../../ui/dialogs/register_case_view.py" line="156" />
        <source>Related open cases</source>
        <translation>相关未结案件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="158" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/register_case_view.py" line="167" />
        <source>Check</source>
        <translation>核对</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <location filename="../../ui/models/report_tables.py" line="187" />
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="188" />
        <source>Case source</source>
        <translation>案件来源</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="189" />
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="190" />
        <location filename="../../ui/models/report_tables.py" line="191" />
        <location filename="../../ui/models/report_tables.py" line="192" />
        <source>Village / community</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="193" />
        <location filename="../../ui/models/report_tables.py" line="196" />
        <source>Mediation organisation</source>
        <translation>调解组织</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="194" />
        <source>End reason</source>
        <translation>终止原因</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="195" />
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="197" />
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="241" />
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="260" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/models/report_tables.py" line="261" />
        <location filename="../../ui/models/report_tables.py" line="276" />
        <source>Not recorded</source>
        <translation>未登记</translation>
    </message>
</context>
<context>
    <name>RevokedKeysModel</name>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="108" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="108" />
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="108" />
        <source>Revoked at</source>
        <translation>撤销时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="109" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="198" />
        <source>Change the role of {0}</source>
        <translation>修改{0}的角色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="203" />
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/account_dialogs.py" line="205" />
        <source>&amp;Mediator on the roster</source>
        <translation>对应的调解员(&amp;M)</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="45" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="45" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="45" />
        <source>Open cases</source>
        <translation>未结案件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="46" />
        <source>Specialties</source>
        <translation>擅长类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="46" />
        <source>Villages</source>
        <translation>负责村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="46" />
        <source>Declared relations</source>
        <translation>申报关系</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="47" />
        <source>Employment</source>
        <translation>任职方式</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="57" />
        <source>Active</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="57" />
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="62" />
        <source>Full-time</source>
        <translation>专职</translation>
    </message>
    <message>
        <location filename="../../ui/pages/mediators_page.py" line="62" />
        <source>Part-time</source>
        <translation>兼职</translation>
    </message>
</context>
<context>
    <name>SessionRecordDialog</name>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="55" />
        <source>agent of %1</source>
        <translation>%1的代理人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="57" />
        <source>mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="98" />
        <source>e.g. the committee's mediation room</source>
        <translation>例如：调解委员会调解室</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="99" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="100" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="114" />
        <source>Anyone else present, e.g. a village committee member; 、 between names</source>
        <translation>其他参加人员，例如村委会主任王五；多人用“、”分隔</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="116" />
        <source>Present</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="120" />
        <source>The logged-in account records the session.</source>
        <translation>记录人为当前登录的账号。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="121" />
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="122" />
        <source>What was said and done, in order</source>
        <translation>按顺序记录各方陈述和调解过程</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="123" />
        <source>Terms agreed, or why not and the route advised</source>
        <translation>达成的内容，或未达成的原因及告知的其他途径</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="125" />
        <source>Course of the mediation</source>
        <translation>调解经过</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="126" />
        <source>Result of the session</source>
        <translation>调解结果</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/session_record_dialog.py" line="134" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>SessionsModel</name>
    <message>
        <location filename="../../ui/models/my_work_tables.py" line="62" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/my_work_tables.py" line="62" />
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <location filename="../../ui/models/my_work_tables.py" line="62" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../ui/models/my_work_tables.py" line="62" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="78" />
        <source>Center</source>
        <translation>本中心</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="80" />
        <source>Center &amp;name</source>
        <translation>中心名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="82" />
        <source>Center code</source>
        <translation>中心代码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="83" />
        <source>Case number &amp;prefix</source>
        <translation>案号前缀(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="86" />
        <source>Example number</source>
        <translation>案号示例</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="87" />
        <source>Linked &amp;court</source>
        <translation>对接法院(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="88" />
        <source>Court code (e.g. 鲁0303)</source>
        <translation>法院代字（例如 鲁0303）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="119" />
        <source>Warnings and triage</source>
        <translation>预警与分流</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="124" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="125" />
        <source>Warn when due within</source>
        <translation>到期前提醒天数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="137" />
        <source>yuan/year, published for</source>
        <translation>元/年，统计年度</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="139" />
        <source>Provincial average wage</source>
        <translation>全省就业人员年平均工资</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="134" />
        <source>e.g. Shandong</source>
        <translation>如：山东省</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="89" />
        <source>Case file &amp;retention (on the cover)</source>
        <translation>卷宗保管期限(&amp;R)（印在封面）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="76" />
        <source>Empty: the center's name</source>
        <translation>留空：使用中心名称</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="91" />
        <source>Co&amp;mmittee's registered name (seal line)</source>
        <translation>人民调解委员会名称(&amp;M)（印章所载）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="97" />
        <source>Mediation period by source</source>
        <translation>各来源的调解期限</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="106" />
        <source>days</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="107" />
        <source>months</source>
        <translation>个月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="108" />
        <source>A period written as 「一个月」 counts to the same day of the next month (31 January → 28 February).</source>
        <translation>规定为“一个月”的期限算至下月对应日（1月31日 → 2月28日）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="142" />
        <source>Province of the wage figure</source>
        <translation>平均工资所属省份</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="145" />
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="151" />
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="155" />
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="156" />
        <source>The lock screen hides every case after this long without keyboard or mouse input.</source>
        <translation>键盘和鼠标无操作达到这个时间后，锁定画面遮住所有案件。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="158" />
        <source>&amp;Lock after no input for</source>
        <translation>无操作自动锁定(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="161" />
        <source>&amp;Save settings (Ctrl+S)</source>
        <translation>保存设置(&amp;S)（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="163" />
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="174" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="201" />
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="206" />
        <source>Empty: the backups folder in the user data folder</source>
        <translation>留空：使用用户数据文件夹中的 backups 文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="207" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="212" />
        <source>Backup &amp;folder</source>
        <translation>备份文件夹(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="218" />
        <source>daily</source>
        <translation>份（每日）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="219" />
        <source>weekly</source>
        <translation>份（每周）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="220" />
        <source>monthly</source>
        <translation>份（每月）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="228" />
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="236" />
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="302" />
        <source>Enter the wage as a number of yuan</source>
        <translation>请以元为单位填写数字</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="330" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../ui/pages/statistics_page.py" line="206" />
        <source>Counting {0}…</source>
        <translation>正在统计{0}…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_page.py" line="233" />
        <source>Reporting unit: {0}    Period: {1} to {2}    Produced: {3}</source>
        <translation>填报单位：{0}    统计期间：{1}至{2}    生成日期：{3}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_page.py" line="242" />
        <source>For publication: counts of 1 or 2 cases are shown as &lt;3; the cases behind the figures are not listed.</source>
        <translation>对外发布版：1—2件的数字显示为“&lt;3”，不列出案件明细。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_page.py" line="245" />
        <source>Double-click a number or click a bar to list exactly the cases it counts.</source>
        <translation>双击数字或点击图表中的柱形、折线点，即可列出该数字统计的全部案件。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_page.py" line="315" />
        <source>The version for publication does not list cases; untick “For publication” to see them.</source>
        <translation>对外发布版不列出案件明细；取消勾选“对外发布”后再查看。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_page.py" line="336" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_page.py" line="333" />
        <source>Excel files (*.xlsx)</source>
        <translation>Excel文件 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_page.py" line="340" />
        <source>Export the report</source>
        <translation>导出统计报表</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_page.py" line="359" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_page.py" line="371" />
        <source>Saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
</context>
<context>
    <name>StatisticsPageView</name>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="60" />
        <source>Kind of period</source>
        <translation>统计期间类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="61" />
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="62" />
        <source>Quarter</source>
        <translation>季</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="63" />
        <location filename="../../ui/pages/statistics_view.py" line="68" />
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="64" />
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="71" />
        <source> (year)</source>
        <translation>年</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="74" />
        <source>Month or quarter</source>
        <translation>月份或季度</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="75" />
        <source>January</source>
        <translation>1月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="75" />
        <source>February</source>
        <translation>2月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="75" />
        <source>March</source>
        <translation>3月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="76" />
        <source>April</source>
        <translation>4月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="76" />
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="76" />
        <source>June</source>
        <translation>6月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="76" />
        <source>July</source>
        <translation>7月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="77" />
        <source>August</source>
        <translation>8月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="77" />
        <source>September</source>
        <translation>9月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="77" />
        <source>October</source>
        <translation>10月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="78" />
        <source>November</source>
        <translation>11月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="78" />
        <source>December</source>
        <translation>12月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="79" />
        <source>First quarter</source>
        <translation>第一季度</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="79" />
        <source>Second quarter</source>
        <translation>第二季度</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="80" />
        <source>Third quarter</source>
        <translation>第三季度</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="80" />
        <source>Fourth quarter</source>
        <translation>第四季度</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="83" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="83" />
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="91" />
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="92" />
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="93" />
        <source>This quarter</source>
        <translation>本季</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="94" />
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="99" />
        <source>For publication</source>
        <translation>对外发布</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="101" />
        <source>The version for publication: counts of 1 or 2 cases are shown as &lt;3 and the cases cannot be listed.</source>
        <translation>对外发布版：1—2件的数字显示为“&lt;3”，不能查看案件明细。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="103" />
        <source>Export PDF…</source>
        <translation>导出PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="105" />
        <source>Export Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="107" />
        <source>Mediator assessment…</source>
        <translation>调解员考评…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="109" />
        <source>The mediators of this period ranked by success rate, as a PDF for the director (考评)</source>
        <translation>本期调解员按调解成功率排名的考评表（PDF，供中心主任使用）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="111" />
        <source>Per-case subsidy…</source>
        <translation>以案定补…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="115" />
        <source>Period</source>
        <translation>统计期间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="157" />
        <source>Disputes by type</source>
        <translation>按纠纷类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="160" />
        <source>Disputes by source</source>
        <translation>按案件来源</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="163" />
        <source>Last 12 months: accepted and success rate</source>
        <translation>近12个月受理数与调解成功率</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="165" />
        <source>Mediators compared</source>
        <translation>调解员对比</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="183" />
        <source>Main figures</source>
        <translation>主要指标</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statistics_view.py" line="184" />
        <source>Charts</source>
        <translation>图表</translation>
    </message>
</context>
<context>
    <name>SubsidyBox</name>
    <message>
        <location filename="../../ui/pages/subsidy_box.py" line="24" />
        <source>Per-case subsidy</source>
        <translation>以案定补</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_box.py" line="33" />
        <source>Edit &amp;rates…</source>
        <translation>设置补贴标准(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_box.py" line="35" />
        <source>Subsidy &amp;sheet…</source>
        <translation>补贴发放表(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_box.py" line="61" />
        <source>The per-case subsidy rates and the monthly sheet are kept by the director.</source>
        <translation>以案定补标准和每月补贴发放表由中心主任设置和制作。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_box.py" line="68" />
        <source>No rates set yet: the monthly sheet pays nothing until a director sets them.</source>
        <translation>尚未设置以案定补标准：中心主任设置之前，发放表各案金额均为0。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/subsidy_box.py" line="75" />
        <source>%n rule(s); complex cases ×%1:</source>
        <translation>
            <numerusform>共%n条标准；疑难复杂案件×%1：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SubsidyRatesDialog</name>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="49" />
        <source>Per-case subsidy rates</source>
        <translation>以案定补标准</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="53" />
        <source>Each rule pays an amount per case closed in the month: by dispute type (or all types), for a successful mediation, a failed one (terminated after at least one mediation session), or both. A case gets the rule of its own type before a rule for all types, in force on the day the agreement took effect or the mediation was terminated. A complex case (marked 疑难复杂) is paid the amount times the multiplier.</source>
        <translation>每条标准规定当月办结案件每件的补贴金额：按纠纷类型（或全部类型），适用于调解成功、调解不成（至少有一次调解记录后终止）或两者。案件优先适用本类型的标准，其次适用“全部”的标准，以协议生效日或终止调解日有效的标准为准。疑难复杂案件（标记为疑难复杂）按标准乘以倍数。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="65" />
        <source>e.g. 2</source>
        <translation>如 2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="68" />
        <source>Complex case &amp;multiplier</source>
        <translation>疑难复杂倍数(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="74" />
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="74" />
        <source>Outcome</source>
        <translation>适用结果</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="74" />
        <source>Yuan per case</source>
        <translation>元/件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="75" />
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="75" />
        <source>To (empty: no end)</source>
        <translation>截止日期（空为长期）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="75" />
        <source>Own multiplier</source>
        <translation>本条倍数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="76" />
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="86" />
        <source>&amp;Add rule</source>
        <translation>增加一条(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="88" />
        <source>&amp;Remove selected</source>
        <translation>删除所选(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="113" />
        <source>All types</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="118" />
        <source>Successful</source>
        <translation>调解成功</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="119" />
        <source>Failed</source>
        <translation>调解不成</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="120" />
        <source>Either</source>
        <translation>成功或不成</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="125" />
        <source>e.g. 100</source>
        <translation>如 100</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="127" />
        <source>no end</source>
        <translation>长期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_rates_dialog.py" line="128" />
        <source>table's</source>
        <translation>按总倍数</translation>
    </message>
</context>
<context>
    <name>SubsidySheetDialog</name>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="50" />
        <source>Per-case subsidy sheet</source>
        <translation>以案定补补贴发放表</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="59" />
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="63" />
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="63" />
        <source>Cases closed</source>
        <translation>办结件数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="64" />
        <source>Cases paid</source>
        <translation>计补件数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="64" />
        <source>Amount (yuan)</source>
        <translation>补贴金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="81" />
        <source>Save as &amp;PDF…</source>
        <translation>保存为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="83" />
        <source>Save as &amp;XLSX…</source>
        <translation>保存为 XLSX(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="123" />
        <source>%1: %2 case(s) closed, total %3 yuan (%4)</source>
        <translation>%1：办结%2件，合计%3元（%4）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="129" />
        <source>No subsidy rates are set: every case shows 0. Set the rates first.</source>
        <translation>尚未设置以案定补标准：各案金额均为0。请先设置补贴标准。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="134" />
        <source>Subsidy sheet</source>
        <translation>以案定补补贴发放表</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="136" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="136" />
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="137" />
        <source>Save subsidy sheet</source>
        <translation>保存补贴发放表</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/subsidy_sheet_dialog.py" line="155" />
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="34" />
        <source>[Corrected: see version %1; reason: %2]</source>
        <translation>【已更正，见第%1版；更正原因：%2】</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="37" />
        <source>[Version %1, corrects the record of %2]</source>
        <translation>【第%1版，更正%2的记录】</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="42" />
        <source>session record of %1</source>
        <translation>%1的调解记录</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="44" />
        <source>the agreement</source>
        <translation>调解协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="45" />
        <source>[Correction note on the %1; reason: %2]</source>
        <translation>【更正说明：%1；更正原因：%2】</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="50" />
        <source>[Supplementary agreement: %1]</source>
        <translation>【补充协议：%1】</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="56" />
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="57" />
        <source>Supplementary agreement</source>
        <translation>补充协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="58" />
        <source>Correction note</source>
        <translation>更正说明</translation>
    </message>
</context>
<context>
    <name>TimelineTab</name>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="79" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="79" />
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="79" />
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="80" />
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="88" />
        <source>Correct the selected record…</source>
        <translation>更正所选记录…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="91" />
        <source>Select a session record: it is corrected as a new version with a reason, or, once final, a correction note is added.</source>
        <translation>选择一份调解记录：定稿前可注明原因更正为新版本；定稿后只能添加更正说明。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="93" />
        <source>Correct the agreement…</source>
        <translation>更正调解协议…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="96" />
        <source>An agreement in effect is never edited: add a supplementary agreement or a correction note.</source>
        <translation>已生效的调解协议不能修改：可以签订补充协议，或添加更正说明。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/timeline_tab.py" line="122" />
        <source>%1 (corrected)</source>
        <translation>%1（已更正）</translation>
    </message>
</context>
<context>
    <name>TrustCardDialog</name>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="65" />
        <source>Trust another desk</source>
        <translation>信任其他单位</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="67" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="68" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="69" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="70" />
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="71" />
        <source>Call the other desk and read the fingerprint aloud group by group. Trust the card only if every group matches what they see on their screen.</source>
        <translation>请给对方打电话，逐组念出指纹。只有每一组都与对方屏幕上显示的一致，才可以信任这张名片。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="75" />
        <source>I compared the fingerprint over the phone and every group matches</source>
        <translation>我已与对方电话逐组核对，指纹完全一致</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_dialogs.py" line="79" />
        <source>Trust this desk</source>
        <translation>信任该单位</translation>
    </message>
</context>
<context>
    <name>TrustedDesksModel</name>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="60" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="60" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="60" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="60" />
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="61" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="61" />
        <source>Last sent</source>
        <translation>最近发出</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="61" />
        <source>Last received</source>
        <translation>最近收到</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="62" />
        <source>Missing files</source>
        <translation>缺少的文件</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="66" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="67" />
        <source>No. {0}</source>
        <translation>第{0}号</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="73" />
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="75" />
        <source>No. {0}, {1}</source>
        <translation>第 {0} 号，{1}</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="78" />
        <source>Mediation center</source>
        <translation>调解中心</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="78" />
        <source>Court liaison desk</source>
        <translation>法院联络台</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="79" />
        <source>Field laptop</source>
        <translation>外出调解笔记本</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="88" />
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../ui/models/exchange_tables.py" line="88" />
        <source>Trusted</source>
        <translation>已信任</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../ui/dialogs/verify_dialog.py" line="44" />
        <source>Verify a document</source>
        <translation>文书核验</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/verify_dialog.py" line="46" />
        <source>Choose a PDF file, or type the verification code printed at the foot of every page (or the text a phone read from the QR code on the last page).</source>
        <translation>选择 PDF 文件，或输入每页页脚印的校验码（也可输入手机扫描最后一页二维码得到的文字）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/verify_dialog.py" line="55" />
        <source>e.g. 7K2QM-9XD4A</source>
        <translation>如 7K2QM-9XD4A</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/verify_dialog.py" line="56" />
        <source>&amp;Check code</source>
        <translation>核验校验码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/verify_dialog.py" line="58" />
        <source>Choose &amp;PDF…</source>
        <translation>选择 PDF 文件(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/verify_dialog.py" line="60" />
        <source>Verification code</source>
        <translation>校验码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/verify_dialog.py" line="93" />
        <source>Type the verification code first.</source>
        <translation>请先输入校验码。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/verify_dialog.py" line="102" />
        <source>Choose the PDF to verify</source>
        <translation>选择要核验的 PDF 文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/verify_dialog.py" line="103" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/verify_dialog.py" line="117" />
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
</context>
<context>
    <name>WorkCasesModel</name>
    <message>
        <location filename="../../ui/models/my_work_tables.py" line="90" />
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <location filename="../../ui/models/my_work_tables.py" line="89" />
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/models/my_work_tables.py" line="89" />
        <source>Follow-up due</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/my_work_tables.py" line="90" />
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../ui/models/my_work_tables.py" line="90" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../ui/labels.py" line="34" />
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35" />
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36" />
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37" />
        <source>In mediation</source>
        <translation>调解中</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38" />
        <source>Suspended (appraisal)</source>
        <translation>中止（鉴定）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39" />
        <source>Agreement reached</source>
        <translation>已达成协议</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40" />
        <source>Mediation terminated</source>
        <translation>终止调解</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41" />
        <source>Judicial confirmation applied</source>
        <translation>已申请司法确认</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42" />
        <source>Judicially confirmed</source>
        <translation>司法确认有效</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43" />
        <source>Judicial confirmation rejected</source>
        <translation>司法确认驳回</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44" />
        <source>Judicial confirmation withdrawn</source>
        <translation>司法确认撤回</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45" />
        <location filename="../../ui/labels.py" line="103" />
        <source>Performed</source>
        <translation>已履行</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46" />
        <location filename="../../ui/labels.py" line="105" />
        <source>Not performed</source>
        <translation>未履行</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47" />
        <source>Enforcement applied</source>
        <translation>已申请执行</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48" />
        <source>Turned to litigation</source>
        <translation>转诉讼</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49" />
        <source>Handed over for filing</source>
        <translation>已移送立案</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50" />
        <source>Filed by the court</source>
        <translation>法院已立案</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51" />
        <source>Returned to trial</source>
        <translation>退回审判</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="52" />
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53" />
        <source>Party application</source>
        <translation>当事人申请</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="54" />
        <source>Self-initiated</source>
        <translation>主动调解</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55" />
        <source>Delegated by court</source>
        <translation>法院委派</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="56" />
        <source>Entrusted by court</source>
        <translation>法院委托</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="57" />
        <source>Transferred by police</source>
        <translation>公安移交</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58" />
        <source>Assigned by government</source>
        <translation>政府指定</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="59" />
        <source>Marriage and family</source>
        <translation>婚姻家庭纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60" />
        <source>Neighbours</source>
        <translation>邻里纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61" />
        <source>Housing and homestead</source>
        <translation>房屋宅基地纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="62" />
        <source>Contract</source>
        <translation>合同纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63" />
        <source>Production and business</source>
        <translation>生产经营纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="64" />
        <source>Damages</source>
        <translation>损害赔偿纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="65" />
        <source>Forest and land</source>
        <translation>山林土地纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66" />
        <source>Land requisition</source>
        <translation>征地拆迁纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="67" />
        <source>Environmental pollution</source>
        <translation>环境污染纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="68" />
        <source>Labour</source>
        <translation>劳动争议纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="69" />
        <source>Consumer</source>
        <translation>消费纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="70" />
        <source>Medical</source>
        <translation>医疗纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71" />
        <source>Road traffic accident</source>
        <translation>道路交通事故纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72" />
        <source>Property management</source>
        <translation>物业纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75" />
        <source>Respondent</source>
        <translation>被申请人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76" />
        <source>Third party</source>
        <translation>第三人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="77" />
        <source>Person</source>
        <translation>自然人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78" />
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79" />
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80" />
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81" />
        <source>Status change</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="82" />
        <source>Mediation session</source>
        <translation>调解</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83" />
        <source>Investigation</source>
        <translation>调查</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84" />
        <source>Follow-up visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85" />
        <source>Extension</source>
        <translation>延期</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="86" />
        <source>Suspension</source>
        <translation>中止</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="87" />
        <source>Resumption</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="88" />
        <source>Mediator assigned</source>
        <translation>指派调解员</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="89" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="90" />
        <source>Undisputed facts</source>
        <translation>无争议事实</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="91" />
        <source>Ended by agreement</source>
        <translation>达成调解协议</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="92" />
        <source>Settled and withdrawn</source>
        <translation>当事人自行和解撤回申请</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="93" />
        <source>Party unreachable within the period</source>
        <translation>期限内无法联系当事人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="94" />
        <source>A party refuses mediation</source>
        <translation>当事人明确表示不愿调解</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="95" />
        <source>Positions too far apart</source>
        <translation>各方分歧较大难以达成一致</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="96" />
        <source>Period expired without consent</source>
        <translation>期限届满未同意延长</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="97" />
        <source>A party refused to sign</source>
        <translation>当事人拒绝签署调解协议</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="98" />
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="99" />
        <source>Written agreement</source>
        <translation>书面协议</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="100" />
        <source>Oral agreement</source>
        <translation>口头协议</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="101" />
        <source>Full agreement</source>
        <translation>全部达成</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="102" />
        <source>Partial agreement</source>
        <translation>部分达成</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="104" />
        <source>Being performed</source>
        <translation>正在履行</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="106" />
        <source>Risk of escalation</source>
        <translation>有激化风险</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="107" />
        <source>Reported to police</source>
        <translation>已报告公安</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="108" />
        <source>Family matter</source>
        <translation>家事纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="109" />
        <source>On-site circuit mediation</source>
        <translation>巡回就地调解</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="110" />
        <source>Involves a business</source>
        <translation>涉企（营商环境）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="111" />
        <source>Litigation-free community</source>
        <translation>无讼社区</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="112" />
        <source>Money only</source>
        <translation>仅涉金钱给付</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="113" />
        <source>Personal status or title</source>
        <translation>涉身份关系或确权</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="114" />
        <source>Foreign-related</source>
        <translation>涉外</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="115" />
        <source>Appraisal needed</source>
        <translation>需鉴定评估</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="116" />
        <source>Party whereabouts unknown</source>
        <translation>当事人下落不明</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="117" />
        <source>Counterclaim</source>
        <translation>有反请求</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="118" />
        <source>State or public interest</source>
        <translation>涉国家或公共利益</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="119" />
        <source>Facts clear, little dispute</source>
        <translation>事实清楚争议不大</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="120" />
        <source>Difficult and complex</source>
        <translation>疑难复杂</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="121" />
        <source>Prevented a criminal case</source>
        <translation>防止民转刑</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="122" />
        <source>Prevented a mass incident</source>
        <translation>防止群体性事件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="126" />
        <source>Near relative</source>
        <translation>近亲属</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="123" />
        <source>The court issues its mediation document</source>
        <translation>人民法院出具调解书</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="125" />
        <source>The plaintiff withdraws</source>
        <translation>原告撤诉</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="127" />
        <source>Interested party</source>
        <translation>有利害关系</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="128" />
        <source>Other relation affecting impartiality</source>
        <translation>其他纠纷</translation>
    </message>
</context>
</TS>