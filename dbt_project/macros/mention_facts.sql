{#- The shared parts of fct_actor_mentions and fct_location_mentions: the mentions of one kind
    (only this run's batch when incremental) and the columns that place a mention in its
    article, day and outlet, with its deletion state and lineage. -#}
{% macro mentions_of_kind(kind) -%}
    select * from {{ ref('int_mentions') }}
    where
        mention_kind = '{{ kind }}'
    {% if is_incremental() %}
        and batch_id = '{{ batch_id() }}'
        {% endif %}
{%- endmacro %}

{% macro mention_context_columns(alias) -%}
        {{ alias }}.is_resolved,
        {{ alias }}.sentence_index,
        {{ alias }}.sentence,
        {{ alias }}.start,
        {{ alias }}."end",
        {{ alias }}.event_mention_id,
        {{ alias }}.event_role,
        {{ alias }}.mention_date as day,
        {{ alias }}.published_date,
        {{ alias }}.domain as source_domain,
        {{ alias }}.partition_date,
        {{ alias }}.is_deleted,
        {{ alias }}.deleted_at,
        '{{ batch_id() }}' as batch_id
{%- endmacro %}
