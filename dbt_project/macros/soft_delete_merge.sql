{#- The tail of the incremental mention models (int_mentions, int_event_mentions): merge this
    run's landed rows (`landed`, a CTE of the run_date partition) into the table, and mark
    deleted, never drop, the rows that vanished: those that were in this day before and are not
    any more, and those of an article stored again this day (updated text replaces its earlier
    mentions). A re-run of an older day never overwrites a row a later day re-landed.
    `landings`: a CTE with the article_id of every article landed this run. Emits the CTEs
    `existing`, `fresh`, `vanished` (incremental only) and `final`. -#}
{% macro soft_delete_merge(landed, key, landings) -%}
{%- set state_cols = ['is_deleted', 'deleted_at', 'batch_id'] -%}
{% if is_incremental() %}
existing as (
    select * from {{ this }}
),

fresh as (
    select {{ landed }}.*
    from {{ landed }}
    left join existing on {{ landed }}.{{ key }} = existing.{{ key }}
    where
        (existing.{{ key }} is null or existing.partition_date <= {{ landed }}.partition_date)
        and {{ landed }}.article_id not in (
            select article_id from existing
            where partition_date > cast('{{ sitrep_run_date() }}' as date) and article_id is not null
        )
),

vanished as (
    select existing.*
    from existing
    left join {{ landed }} on existing.{{ key }} = {{ landed }}.{{ key }}
    where
        {{ landed }}.{{ key }} is null
        and (
            existing.partition_date = cast('{{ sitrep_run_date() }}' as date)
            or (
                existing.partition_date < cast('{{ sitrep_run_date() }}' as date)
                and existing.article_id in (select article_id from {{ landings }})
            )
        )
),
{% endif %}

final as (
    {% if is_incremental() %}
    select
        {{ columns_except(this, state_cols, 'fresh') }},
        false as is_deleted,
        cast(null as {{ dbt.type_timestamp() }}) as deleted_at,
        '{{ batch_id() }}' as batch_id
    from fresh
    union all
    select
        {{ columns_except(this, state_cols, 'vanished') }},
        true as is_deleted,
        coalesce(deleted_at, {{ utc_timestamp(dbt.current_timestamp()) }}) as deleted_at,
        '{{ batch_id() }}' as batch_id
    from vanished
    {% else %}
        select
            *,
            false as is_deleted,
            cast(null as {{ dbt.type_timestamp() }}) as deleted_at,
            '{{ batch_id() }}' as batch_id
        from {{ landed }}
    {% endif %}
)
{%- endmacro %}

{#- A staging model's rows this run reads: the run_date partition when incremental, else all. -#}
{% macro landed_rows(staging_model) -%}
    select * from {{ ref(staging_model) }}
    {% if is_incremental() %}
    where partition_date = cast('{{ sitrep_run_date() }}' as date)
    {% endif %}
{%- endmacro %}

{#- Each landed article's last landing day: an article stored again on a later day (updated
    text) replaces its earlier mentions. -#}
{% macro article_landings(articles) -%}
    select
        article_id,
        max(partition_date) as last_partition_date
    from {{ articles }}
    group by article_id
{%- endmacro %}
